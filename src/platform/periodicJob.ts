import { errorSummary } from './errorSummary.js';
import { withCorrelationId } from './logContext.js';
import type { Logger } from './logger.js';

export interface PeriodicJob {
  /** Runs every `everyMs` (and once `firstAfterMs` after start, when given). */
  start: () => void;
  /** Stops the timers and waits for a run in progress. */
  stop: () => Promise<void>;
}

/**
 * Scheduled work on a timer: one run at a time on this instance (a tick during a run is
 * skipped), each under its own correlation id, a failure logged as `job` and never thrown.
 */
export function periodicJob({
  job,
  everyMs,
  firstAfterMs,
  logger,
  run,
}: {
  job: string;
  everyMs: number;
  firstAfterMs?: number;
  logger: Logger;
  run: () => Promise<unknown>;
}): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  let firstRun: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const scheduled = () => {
    running ??= withCorrelationId(run)
      .then(() => undefined)
      .catch((error: unknown) =>
        logger.error({ job, outcome: 'failed', error: errorSummary(error) }, `${job} run failed`),
      )
      .finally(() => {
        running = undefined;
      });
  };

  return {
    start: () => {
      timer = setInterval(scheduled, everyMs);
      timer.unref();
      if (firstAfterMs !== undefined) {
        firstRun = setTimeout(scheduled, firstAfterMs);
        firstRun.unref();
      }
    },
    stop: async () => {
      clearInterval(timer);
      clearTimeout(firstRun);
      await running;
    },
  };
}
