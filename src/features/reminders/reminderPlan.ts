import type { WebinarOccurrence } from '../webinar/schedule.js';

/** How long before a webinar a reminder goes out, in minutes. */
export type ReminderOffset = number;

/** 7 days before and 1 hour before. */
export const DEFAULT_REMINDER_OFFSETS: readonly ReminderOffset[] = [7 * 24 * 60, 60];

const OFFSET_PART = /^(\d{1,3})([dhm])$/;
const MINUTES_PER = { d: 24 * 60, h: 60, m: 1 } as const;
/** A reminder more than four weeks ahead would come before the previous month's webinar. */
const MAX_OFFSET_MINUTES = 28 * 24 * 60;

/** Reads offsets written as `7d,1h` (days, hours or minutes), or says what is wrong. */
export function parseReminderOffsets(
  text: string,
): { ok: true; offsets: ReminderOffset[] } | { ok: false; problem: string } {
  const offsets: ReminderOffset[] = [];
  for (const part of text.split(',').map((item) => item.trim().toLowerCase())) {
    const match = OFFSET_PART.exec(part);
    if (!match)
      return {
        ok: false,
        problem: `has "${part.slice(0, 20)}", which is not a number of days, hours or minutes such as 7d, 1h or 30m`,
      };
    const [, amount = '0', unit = 'm'] = match;
    const minutes = Number(amount) * MINUTES_PER[unit as keyof typeof MINUTES_PER];
    if (minutes < 1 || minutes > MAX_OFFSET_MINUTES)
      return { ok: false, problem: `has ${part}: each offset must be from 1m to 28d` };
    offsets.push(minutes);
  }
  return { ok: true, offsets: [...new Set(offsets)].sort((a, b) => b - a) };
}

/** "in 7 days", "in 1 hour", "in 30 minutes": how a reminder describes its offset. */
export function describeOffset(minutes: ReminderOffset): string {
  const [amount, unit] =
    minutes % (24 * 60) === 0
      ? [minutes / (24 * 60), 'day']
      : minutes % 60 === 0
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

export interface DueReminder {
  /** One broadcast per occurrence and offset: the id that makes planning it twice impossible. */
  broadcastId: string;
  occurrence: WebinarOccurrence;
  offsetMinutes: ReminderOffset;
}

/** The broadcast id of a scheduled reminder: `r` + the occurrence's London date and time + the offset. */
export function scheduledBroadcastId(occurrenceId: string, offsetMinutes: ReminderOffset): string {
  return `r${occurrenceId.replace(/[-:T]/g, '')}-${offsetMinutes}m`;
}

/**
 * The reminders due at `now`: a reminder is due from its time until the webinar starts, so one
 * missed while the service was down still goes out late, and never once the webinar has begun.
 * When several of one webinar's reminders are due at once, only the latest is: nobody wants a
 * "next week" and an "in an hour" together.
 */
export function dueReminders(
  occurrences: readonly WebinarOccurrence[],
  offsets: readonly ReminderOffset[],
  now: Date,
): DueReminder[] {
  const due: DueReminder[] = [];
  for (const occurrence of occurrences) {
    if (occurrence.cancelled || occurrence.start.getTime() <= now.getTime()) continue;
    const reached = offsets.filter((offset) => occurrence.start.getTime() - offset * 60_000 <= now.getTime());
    if (reached.length === 0) continue;
    const offsetMinutes = Math.min(...reached);
    due.push({ broadcastId: scheduledBroadcastId(occurrence.id, offsetMinutes), occurrence, offsetMinutes });
  }
  return due;
}
