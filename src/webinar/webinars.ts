import { nextOccurrences, type WebinarOccurrence, type WebinarSchedule } from './schedule.js';

export interface NextOccurrence {
  occurrence: WebinarOccurrence;
  /** Started and not yet ended. */
  inProgress: boolean;
}

/**
 * Where the bot learns the webinar's dates. Asynchronous so that a schedule the lead keeps in
 * storage (with per-occurrence changes) can replace the configured one behind the same calls.
 */
export interface Webinars {
  /** Whether any schedule is set at all (a schedule can exist and have ended). */
  readonly scheduled: boolean;
  /** The next occurrence that has not ended (one in progress counts), if any. */
  next(): Promise<NextOccurrence | undefined>;
  /** Up to `count` occurrences that have not ended, soonest first. */
  upcoming(count: number): Promise<WebinarOccurrence[]>;
}

export interface WebinarsOptions {
  /** Defaults to the system clock; tests pin it. */
  now?: () => Date;
}

/** The schedule from configuration (WEBINAR_*); undefined means none is set. */
export function createWebinars(schedule: WebinarSchedule | undefined, { now = () => new Date() }: WebinarsOptions = {}): Webinars {
  return {
    scheduled: schedule !== undefined,
    upcoming: (count) => Promise.resolve(schedule ? nextOccurrences(schedule, now(), count) : []),
    next: () => {
      const from = now();
      const [occurrence] = schedule ? nextOccurrences(schedule, from, 1) : [];
      return Promise.resolve(occurrence && { occurrence, inProgress: occurrence.start.getTime() <= from.getTime() });
    },
  };
}
