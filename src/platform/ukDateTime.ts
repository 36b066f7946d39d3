import { DateTime } from 'luxon';

/** "Wednesday 2 December 2026, 09:14": a full date and time in UK time, never cut; `fallback` when `at` is no time. */
export function formatFullUkDateTime(at: Date | string, fallback = 'at an unknown time'): string {
  const time = DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at, { zone: 'Europe/London' });
  return time.isValid ? time.setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm') : fallback;
}

/** "2 December 2026": the UK calendar day. */
export function formatUkDate(at: Date | string, fallback = 'on an unknown day'): string {
  const time = DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at, { zone: 'Europe/London' });
  return time.isValid ? time.setLocale('en-GB').toFormat('d LLLL yyyy') : fallback;
}
