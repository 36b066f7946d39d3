import { DateTime } from 'luxon';

const UK = 'Europe/London';

/** Monday to Friday in England. Bank holidays count as working days: the bot keeps no list of them. */
export function isWorkingDay(at: Date): boolean {
  return DateTime.fromJSDate(at, { zone: UK }).weekday <= 5;
}

/** The UK calendar day of `at`, as YYYY-MM-DD. */
export function ukDay(at: Date): string {
  return DateTime.fromJSDate(at, { zone: UK }).toISODate() ?? at.toISOString().slice(0, 10);
}

/** The UK hour of the day (0 to 23) at `at`. */
export function ukHour(at: Date): number {
  return DateTime.fromJSDate(at, { zone: UK }).hour;
}

/**
 * Working days that have begun since `from`, up to and including the day of `to`: asked on a
 * Monday, it is 1 on Tuesday and 4 on Friday; asked on a Friday, 1 on Monday.
 */
export function workingDaysSince(from: Date, to: Date): number {
  let day = DateTime.fromJSDate(from, { zone: UK }).startOf('day');
  const last = DateTime.fromJSDate(to, { zone: UK }).startOf('day');
  let count = 0;
  // Bounded: a request open for years still takes a few thousand steps at most.
  while (day < last) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) count += 1;
  }
  return count;
}
