import { errorSummary } from '../../platform/errorSummary.js';
import type { Logger } from '../../platform/logger.js';
import { TaughtAnswerIndex, type TaughtMatch } from './taughtAnswerIndex.js';
import type { TaughtAnswerStore } from './taughtAnswerStore.js';

/**
 * The answers the leads taught, as this instance knows them: it reads the store's generation
 * number every few seconds and reloads the answers only when it moved, so every instance uses a
 * change within seconds.
 */
export class TaughtAnswerBook {
  private index = new TaughtAnswerIndex([]);
  private generation = -1;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: TaughtAnswerStore,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** Loads the answers now, then follows changes every `intervalMs`. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger.warn({ outcome: 'taught_answers_not_refreshed', error: errorSummary(error) }, 'taught answers'),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Catches up with the store (a cheap read when nothing changed); a refresh already running is joined. */
  refresh(): Promise<void> {
    this.running ??= this.load().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The taught answer for a question, if one is close enough; `understood`: the classifier found an intent. */
  match(question: string, understood: boolean): TaughtMatch | undefined {
    return this.index.size > 0 ? this.index.match(question, understood) : undefined;
  }

  private async load(): Promise<void> {
    const { value } = await this.store.generation();
    if (value === this.generation) return;
    this.index = new TaughtAnswerIndex(await this.store.list());
    this.generation = value;
    this.logger.info(
      { outcome: 'taught_answers_loaded', answers: this.index.size, generation: value },
      'taught answers',
    );
  }
}
