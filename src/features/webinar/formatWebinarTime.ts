import { DateTime } from 'luxon';
import { WEBINAR_TIME_ZONE, type WebinarOccurrence } from './schedule.js';

const DAY = 'cccc d LLLL yyyy';
const TIME = 'HH:mm';

/** "Thursday 10 December 2026, 13:00 to 14:00 (UK time)", the end's date added when it is another day. */
export function formatWebinarTime(occurrence: Pick<WebinarOccurrence, 'start' | 'end'>): string {
  const start = DateTime.fromJSDate(occurrence.start, { zone: WEBINAR_TIME_ZONE }).setLocale('en-GB');
  const end = DateTime.fromJSDate(occurrence.end, { zone: WEBINAR_TIME_ZONE }).setLocale('en-GB');
  const endText = end.hasSame(start, 'day') ? end.toFormat(TIME) : end.toFormat(`${DAY}, ${TIME}`);
  return `${start.toFormat(`${DAY}, ${TIME}`)} to ${endText} (UK time)`;
}

/** "Thursday 10 December 2026", or "10 December 2026" without the weekday: a webinar's day in UK time. */
export function formatWebinarDay(start: Date, { weekday = true }: { weekday?: boolean } = {}): string {
  return DateTime.fromJSDate(start, { zone: WEBINAR_TIME_ZONE })
    .setLocale('en-GB')
    .toFormat(weekday ? DAY : 'd LLLL yyyy');
}
