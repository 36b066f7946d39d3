import {
  nextOccurrences,
  pastOccurrences,
  startOfOccurrence,
  withChanges,
  type OccurrenceChange,
  type WebinarOccurrence,
  type WebinarSchedule,
} from './schedule.js';

export interface NextOccurrence {
  occurrence: WebinarOccurrence;
  /** Started and not yet ended. */
  inProgress: boolean;
}

/** A past webinar with a recording link. */
export interface WebinarRecording {
  occurrenceId: string;
  start: Date;
  /** That date's own topic, if the lead gave it one. */
  topic: string | undefined;
  recordingUrl: string;
}

/** What the lead has saved: a schedule replacing the configured one, and changes to single dates. */
export interface SavedWebinarSettings {
  /** Undefined: nothing saved yet, the configured schedule applies. */
  schedule: WebinarSchedule | undefined;
  changes: readonly OccurrenceChange[];
}

/** Where the lead's settings are kept (Table Storage in the app). */
export interface WebinarSettingsStore {
  load(): Promise<SavedWebinarSettings>;
}

/** Where the bot learns the webinar's dates: the lead's saved schedule, else the configured one. */
export interface Webinars {
  /** The schedule in force; undefined when none is configured or saved. */
  schedule(): Promise<WebinarSchedule | undefined>;
  /** The next occurrence that has not ended and is not cancelled (one in progress counts). */
  next(): Promise<NextOccurrence | undefined>;
  /** Up to `count` occurrences that have not ended, soonest first; cancelled ones only when asked. */
  upcoming(count: number, options?: { includeCancelled?: boolean }): Promise<WebinarOccurrence[]>;
  /** One of the coming occurrences (cancelled or not) by id. */
  find(occurrenceId: string): Promise<WebinarOccurrence | undefined>;
  /** Up to `count` occurrences that began in the last year, newest first, cancelled ones included. */
  past(count: number): Promise<WebinarOccurrence[]>;
  /** The lead's own settings for one date (its topic, link, cancellation, recording), if any. */
  changeOf(occurrenceId: string): Promise<OccurrenceChange | undefined>;
  /** Every date that has begun and has a recording link, newest first, whatever the schedule is now. */
  recordings(): Promise<WebinarRecording[]>;
  /** Forget what was read, after this instance saved a change. */
  invalidate(): void;
}

export interface WebinarsOptions {
  /** The schedule from configuration (WEBINAR_*), used until the lead saves one. */
  configured: WebinarSchedule | undefined;
  store?: WebinarSettingsStore;
  /** Defaults to the system clock; tests pin it. */
  now?: () => Date;
  /** How long settings read from storage are reused; another instance's save shows within this. */
  cacheMs?: number;
}

/** How far ahead `find` looks for an occurrence a card names (a year of a monthly webinar). */
const FIND_HORIZON = 24;

export function createWebinars({
  configured,
  store,
  now = () => new Date(),
  cacheMs = 10_000,
}: WebinarsOptions): Webinars {
  let cached: { at: number; settings: Promise<SavedWebinarSettings> } | undefined;

  const settings = (): Promise<SavedWebinarSettings> => {
    const at = Date.now();
    if (!store) return Promise.resolve({ schedule: undefined, changes: [] });
    if (!cached || at - cached.at > cacheMs) {
      const loading = store.load();
      cached = { at, settings: loading };
      // A failed read is not kept: the next question tries storage again.
      loading.catch(() => {
        if (cached?.settings === loading) cached = undefined;
      });
    }
    return cached.settings;
  };

  const upcoming = async (count: number, from: Date, includeCancelled: boolean): Promise<WebinarOccurrence[]> => {
    const saved = await settings();
    const schedule = saved.schedule ?? configured;
    if (!schedule) return [];
    const changes = new Map(saved.changes.map((change) => [change.occurrenceId, change]));
    // Cancelled dates are skipped, so look far enough ahead to still find `count`.
    const occurrences = withChanges(
      nextOccurrences(schedule, from, count + (includeCancelled ? 0 : changes.size)),
      changes,
    );
    return (includeCancelled ? occurrences : occurrences.filter((occurrence) => !occurrence.cancelled)).slice(0, count);
  };

  const recordings = async (): Promise<WebinarRecording[]> => {
    const at = now().getTime();
    const found: WebinarRecording[] = [];
    for (const change of (await settings()).changes) {
      const start = startOfOccurrence(change.occurrenceId);
      if (!change.recordingUrl || !start || start.getTime() > at) continue;
      found.push({ occurrenceId: change.occurrenceId, start, topic: change.topic, recordingUrl: change.recordingUrl });
    }
    return found.sort((a, b) => b.start.getTime() - a.start.getTime());
  };

  return {
    schedule: async () => (await settings()).schedule ?? configured,
    upcoming: (count, options = {}) => upcoming(count, now(), options.includeCancelled ?? false),
    async next() {
      const from = now();
      const [occurrence] = await upcoming(1, from, false);
      return occurrence && { occurrence, inProgress: occurrence.start.getTime() <= from.getTime() };
    },
    async find(occurrenceId) {
      return (await upcoming(FIND_HORIZON, now(), true)).find((occurrence) => occurrence.id === occurrenceId);
    },
    async past(count) {
      const saved = await settings();
      const schedule = saved.schedule ?? configured;
      if (!schedule) return [];
      const changes = new Map(saved.changes.map((change) => [change.occurrenceId, change]));
      return withChanges(pastOccurrences(schedule, now(), count), changes);
    },
    async changeOf(occurrenceId) {
      return (await settings()).changes.find((change) => change.occurrenceId === occurrenceId);
    },
    recordings,
    invalidate() {
      cached = undefined;
    },
  };
}
