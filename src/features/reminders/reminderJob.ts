import { randomBytes } from 'node:crypto';
import { createBroadcastRunner, type BroadcastRunnerOptions, type TickResult } from '../broadcast/broadcastRunner.js';
import { emptyCounts, type Broadcast, type ReminderTarget } from '../broadcast/broadcast.js';
import { dueReminders, type ReminderOffset } from './reminderPlan.js';
import type { WebinarOccurrence } from '../webinar/schedule.js';
import type { Webinars } from '../webinar/webinars.js';

export type { TickResult } from '../broadcast/broadcastRunner.js';

const REMINDER_LEASE = 'reminders';
/** Ids of broadcasts a lead sends by hand: `n` and 16 hex digits, made when the confirm card is shown. */
export const BROADCAST_NOW_PATTERN = /^n[0-9a-f]{16}$/;

/** A reminder is no use once its webinar has begun: what is left of it is failed, not sent. */
export function webinarStarted(broadcast: Broadcast, now: Date): string | undefined {
  return now.getTime() >= broadcast.start.getTime() ? 'webinar_started' : undefined;
}

export function newBroadcastNowId(): string {
  return `n${randomBytes(8).toString('hex')}`;
}

/** The runner's settings (store, lease, dispatcher, report, timing), and what reminders need besides. */
export interface ReminderJobOptions extends Omit<BroadcastRunnerOptions, 'name' | 'audience' | 'withdrawn' | 'plan'> {
  webinars: Webinars;
  /** Every conversation that gets reminders now (switched on and reachable). */
  subscribers(): AsyncIterable<ReminderTarget>;
  offsets: readonly ReminderOffset[];
}

export interface ReminderJob {
  /** Plans due reminders and sends what is in the outbox; a tick already running here is joined. */
  tick(): Promise<TickResult>;
  /** A reminder now, for one occurrence (the lead's action); false when that id was used already. */
  broadcastNow(occurrence: WebinarOccurrence, id: string, requestedBy: string): Promise<boolean>;
  /** The minute timer (and a first tick soon after start, to catch up after downtime). */
  start(): void;
  stop(): Promise<void>;
}

export function broadcastOf(
  id: string,
  occurrence: WebinarOccurrence,
  offsetMinutes: number | undefined,
  requestedBy: string | undefined,
  now: Date,
): Broadcast {
  return {
    id,
    occurrenceId: occurrence.id,
    start: occurrence.start,
    end: occurrence.end,
    topic: occurrence.topic,
    joinUrl: occurrence.joinUrl,
    offsetMinutes,
    requestedBy,
    state: 'planning',
    createdAt: now,
    total: 0,
    counts: emptyCounts(),
    finishedAt: undefined,
    reported: false,
  };
}

/**
 * The webinar reminders on the broadcast machinery: each tick turns the reminders now due for the
 * next webinar into broadcasts (one per reminder, whichever instance makes it first), which the
 * runner sends; a lead's "send now" is one more broadcast.
 */
export function createReminderJob(options: ReminderJobOptions): ReminderJob {
  const { store } = options;
  const now = options.now ?? (() => new Date());

  async function plan(): Promise<string[]> {
    // Only the next webinar that has not begun: a weekly or daily series must not get reminders for several at once.
    const next = (await options.webinars.upcoming(2)).find(
      (occurrence) => occurrence.start.getTime() > now().getTime(),
    );
    const planned: string[] = [];
    for (const { broadcastId, occurrence, offsetMinutes } of dueReminders(next ? [next] : [], options.offsets, now())) {
      if (await store.create(broadcastOf(broadcastId, occurrence, offsetMinutes, undefined, now())))
        planned.push(broadcastId);
    }
    return planned;
  }

  const runner = createBroadcastRunner({
    ...options,
    name: { lease: REMINDER_LEASE, log: 'reminder' },
    audience: () => options.subscribers(),
    // A date the lead cancelled after the reminder was made.
    withdrawn: async (broadcast) =>
      (await options.webinars.find(broadcast.occurrenceId))?.cancelled === true ? 'webinar_cancelled' : undefined,
    plan,
  });

  return {
    tick: () => runner.tick(),
    async broadcastNow(occurrence, id, requestedBy) {
      const created = await store.create(broadcastOf(id, occurrence, undefined, requestedBy, now()));
      if (created) runner.sendSoon();
      return created;
    },
    start: () => {
      runner.start();
    },
    stop: () => runner.stop(),
  };
}
