import { randomBytes } from 'node:crypto';
import type { CorrectedContent, CorrectionBroadcast, ReminderBroadcast } from '../broadcast/broadcast.js';
import { unplanned } from '../broadcast/broadcast.js';
import type { Corrected } from '../broadcast/correctionKind.js';
import type { BotDeps } from '../botDeps.js';
import { answerCard } from '../answerCard.js';
import { formatWebinarDay } from '../webinar/formatWebinarTime.js';
import { reminderCard } from '../webinar/webinarCards.js';
import { broadcastOf } from './reminderJob.js';

type WebinarShown = Extract<CorrectedContent, { what: 'webinar' }>;

/** What a reminder's copies show now: its own webinar, or the latest correction's. */
function lastShown(reminder: ReminderBroadcast, corrections: readonly CorrectionBroadcast[]): WebinarShown {
  const latest = corrections.find(
    (correction) => correction.corrects === reminder.id && correction.shows.what === 'webinar',
  )?.shows;
  if (latest?.what === 'webinar') return latest;
  const { occurrenceId, start, end, topic, joinUrl } = reminder;
  return { what: 'webinar', occurrenceId, start, end, topic, joinUrl, cancelled: false, onSchedule: true };
}

/** Will not take place as reminded: cancelled, or moved off the schedule. */
const gone = (shown: WebinarShown) => shown.cancelled || !shown.onSchedule;

/** Whether the copies would now say something else; a date they already call off is not called off again. */
const differs = (a: WebinarShown, b: WebinarShown) =>
  !(gone(a) && gone(b)) &&
  (a.cancelled !== b.cancelled ||
    a.onSchedule !== b.onSchedule ||
    a.topic !== b.topic ||
    a.joinUrl !== b.joinUrl ||
    a.start.getTime() !== b.start.getTime());

/**
 * After a lead's change to the schedule or one date: every reminder already made for a webinar
 * that has not begun, whose copies now show something that is no longer so (cancelled, moved, a
 * new topic or link), gets a correction that updates each copy in place. Returns how many.
 */
export async function correctSentReminders(
  deps: Pick<BotDeps, 'storage' | 'webinars' | 'broadcasting'>,
  requestedBy: string,
  at: Date,
): Promise<number> {
  // One scan for both: this runs on every save of the webinar settings.
  const listed = await deps.storage.broadcasts.list('reminder', 'correction');
  const reminders = listed.filter(
    (broadcast): broadcast is ReminderBroadcast =>
      broadcast.kind === 'reminder' && broadcast.start.getTime() > at.getTime(),
  );
  if (reminders.length === 0) return 0;
  const corrections = listed.filter((broadcast): broadcast is CorrectionBroadcast => broadcast.kind === 'correction');
  let launched = 0;
  for (const reminder of reminders) {
    const shown = lastShown(reminder, corrections);
    const occurrence = await deps.webinars.find(reminder.occurrenceId);
    const now: WebinarShown = occurrence
      ? {
          ...shown,
          topic: occurrence.topic,
          joinUrl: occurrence.joinUrl,
          cancelled: occurrence.cancelled,
          start: occurrence.start,
          end: occurrence.end,
          onSchedule: true,
        }
      : { ...shown, onSchedule: false };
    if (!differs(shown, now)) continue;
    const correction = (notice: boolean, createdAt: Date): CorrectionBroadcast => ({
      kind: 'correction',
      id: `c${randomBytes(8).toString('hex')}`,
      corrects: reminder.id,
      shows: now,
      notice,
      requestedBy,
      createdAt,
      ...unplanned(),
    });
    if (await deps.broadcasting.launch(correction(false, at))) launched += 1;
    // A cancelled or moved date is also told in a new message, after the copies are updated (taken oldest first).
    if (now.cancelled || !now.onSchedule) await deps.broadcasting.launch(correction(true, new Date(at.getTime() + 1)));
  }
  return launched;
}

/** What the copies of a reminder become, and the short message that goes with a cancelled or moved date. */
export function correctedReminder(
  deps: Pick<BotDeps, 'directory' | 'webinarCalendarUrl'>,
  shows: WebinarShown,
  on: Date,
): Corrected {
  const day = formatWebinarDay(shows.start);
  const source = deps.directory.network.source;
  const asks = [{ title: 'When is the next webinar?', intent: 'webinar' as const }];
  if (shows.cancelled || !shows.onSchedule) {
    const title = shows.cancelled ? `Cancelled: the MSO webinar of ${day}` : `Moved: the MSO webinar of ${day}`;
    const why = shows.cancelled
      ? 'This webinar will not take place.'
      : 'The webinar schedule has changed: this date and time no longer stand.';
    return {
      card: answerCard({ title, paragraphs: [why, 'Ask "when is the next webinar" for the next one.'], asks, source }),
      notice: answerCard({
        title: shows.cancelled ? `The MSO webinar of ${day} is cancelled` : `The MSO webinar of ${day} has moved`,
        paragraphs: ['The reminder you had above has been updated.'],
        asks,
        source,
      }),
    };
  }
  const reminder = broadcastOf('', { id: shows.occurrenceId, ...shows }, undefined, undefined, on);
  return { card: reminderCard(deps, reminder, { updatedOn: on }), notice: undefined };
}
