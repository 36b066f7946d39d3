import { randomBytes } from 'node:crypto';
import {
  unplanned,
  type BroadcastStore,
  type BroadcastTarget,
  type ReminderBroadcast,
} from '../broadcast/broadcast.js';
import type { BroadcastKind } from '../broadcast/broadcastKind.js';
import type { SendOutcome } from '../broadcast/dispatcher.js';
import { dueReminders, type ReminderOffset } from './reminderPlan.js';
import type { WebinarOccurrence } from '../webinar/schedule.js';
import type { Webinars } from '../webinar/webinars.js';

/** Ids of broadcasts a lead sends by hand: `n` and 16 hex digits, made when the confirm card is shown. */
export const BROADCAST_NOW_PATTERN = /^n[0-9a-f]{16}$/;

/** A reminder is no use once its webinar has begun: what is left of it is failed, not sent. */
export function webinarStarted(broadcast: ReminderBroadcast, now: Date): string | undefined {
  return now.getTime() >= broadcast.start.getTime() ? 'webinar_started' : undefined;
}

export function newBroadcastNowId(): string {
  return `n${randomBytes(8).toString('hex')}`;
}

/** A reminder of one webinar date, with the date as it stands now. */
export function broadcastOf(
  id: string,
  occurrence: WebinarOccurrence,
  offsetMinutes: number | undefined,
  requestedBy: string | undefined,
  now: Date,
): ReminderBroadcast {
  return {
    kind: 'reminder',
    id,
    occurrenceId: occurrence.id,
    start: occurrence.start,
    end: occurrence.end,
    topic: occurrence.topic,
    joinUrl: occurrence.joinUrl,
    offsetMinutes,
    requestedBy,
    createdAt: now,
    ...unplanned(),
  };
}

/**
 * The reminders now due for the next webinar, as broadcasts (one per reminder, whichever
 * instance makes it first); their ids.
 */
export function planReminders(options: {
  webinars: Webinars;
  store: BroadcastStore;
  offsets: readonly ReminderOffset[];
  now?: () => Date;
}): () => Promise<string[]> {
  const now = options.now ?? (() => new Date());
  return async () => {
    // Only the next webinar that has not begun: a weekly or daily series must not get reminders for several at once.
    const next = (await options.webinars.upcoming(2)).find(
      (occurrence) => occurrence.start.getTime() > now().getTime(),
    );
    const planned: string[] = [];
    for (const { broadcastId, occurrence, offsetMinutes } of dueReminders(next ? [next] : [], options.offsets, now())) {
      if (await options.store.create(broadcastOf(broadcastId, occurrence, offsetMinutes, undefined, now())))
        planned.push(broadcastId);
    }
    return planned;
  };
}

/** The webinar reminder as a kind of broadcast: to every subscriber, stopped by a cancellation or the start. */
export function reminderKind(options: {
  webinars: Webinars;
  /** Every conversation that gets reminders now (switched on and reachable). */
  subscribers(): AsyncIterable<BroadcastTarget>;
  send: (target: BroadcastTarget, broadcast: ReminderBroadcast) => Promise<SendOutcome>;
  onFinished: (broadcast: ReminderBroadcast) => Promise<void>;
}): BroadcastKind<ReminderBroadcast> {
  return {
    audience: () => options.subscribers(),
    send: options.send,
    // A date the lead cancelled after the reminder was made.
    withdrawn: async (broadcast) =>
      (await options.webinars.find(broadcast.occurrenceId))?.cancelled === true ? 'webinar_cancelled' : undefined,
    expired: webinarStarted,
    refusalMeansRemoved: true,
    onFinished: options.onFinished,
  };
}
