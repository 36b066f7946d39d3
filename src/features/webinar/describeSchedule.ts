import { DateTime } from 'luxon';
import rrule, { type Options as RRuleOptions } from 'rrule';
import { formatWebinarDay } from './formatWebinarTime.js';
import { choiceOfRule, describeChoice } from './plainSchedule.js';
import { WEBINAR_TIME_ZONE, type WebinarSchedule } from './schedule.js';

// rrule ships CommonJS without named ESM exports: take them from the default export.
const { RRule, Frequency } = rrule;

const ORDINALS = new Map<number, string>([
  [1, 'first'],
  [2, 'second'],
  [3, 'third'],
  [4, 'fourth'],
  [5, 'fifth'],
  [-1, 'last'],
  [-2, 'second-to-last'],
]);
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface NumberedDay {
  weekday: number;
  n?: number;
}

const everyMonths = (interval: number) =>
  interval === 1 ? 'every month' : interval === 2 ? 'every other month' : `every ${String(interval)} months`;

/**
 * `BYDAY=TH;BYSETPOS=2` read as `BYDAY=2TH`, which is the same dates for one weekday in a month
 * or year: rrule's words drop BYSETPOS ("every month on Thursday"), so it never reaches them.
 */
function withoutSetPosition(options: Partial<RRuleOptions>): Partial<RRuleOptions> {
  const days = (Array.isArray(options.byweekday) ? options.byweekday : [options.byweekday]) as unknown[];
  const positions = Array.isArray(options.bysetpos) ? options.bysetpos : [options.bysetpos];
  const [day] = days as (NumberedDay | undefined)[];
  const [position] = positions;
  if (
    (options.freq !== Frequency.MONTHLY && options.freq !== Frequency.YEARLY) ||
    days.length !== 1 ||
    positions.length !== 1 ||
    typeof position !== 'number' ||
    day === undefined ||
    day.n !== undefined
  )
    return options;
  return { ...options, byweekday: [new rrule.Weekday(day.weekday, position)], bysetpos: null };
}

/** "the second Thursday of every other month", for a monthly rule with one numbered weekday and nothing else. */
function monthlyWords(options: Partial<RRuleOptions>): string | undefined {
  const days = (Array.isArray(options.byweekday) ? options.byweekday : []) as NumberedDay[];
  const [day] = days;
  const others: (keyof RRuleOptions)[] = ['count', 'until', 'bymonth', 'bymonthday', 'byyearday', 'byweekno'];
  if (options.freq !== Frequency.MONTHLY || days.length !== 1 || day?.n === undefined) return undefined;
  if (others.some((name) => options[name] !== undefined && options[name] !== null)) return undefined;
  const ordinal = ORDINALS.get(day.n);
  const name = DAY_NAMES[day.weekday];
  return ordinal && name ? `the ${ordinal} ${name} of ${everyMonths(options.interval ?? 1)}` : undefined;
}

/**
 * A rule in words: the plain choices' wording when they can say it, then a few other monthly
 * patterns, then rrule's words, and the rule itself only when words would leave part of it out.
 */
export function describeRule(rule: string): string {
  const choice = choiceOfRule(rule);
  if (choice) return describeChoice(choice);
  const text = rule
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  let options: Partial<RRuleOptions>;
  try {
    options = withoutSetPosition(RRule.parseString(text));
  } catch {
    return `the dates of the rule ${text}`;
  }
  const monthly = monthlyWords(options);
  if (monthly) return monthly;
  const hasSetPosition = options.bysetpos !== undefined && options.bysetpos !== null;
  const recurrence = new RRule({ ...options, dtstart: null, tzid: null });
  return !hasSetPosition && recurrence.isFullyConvertibleToText()
    ? recurrence.toText()
    : `the dates of the rule ${text}`;
}

/** "13:00 to 14:00", with "the next day" when it runs past midnight. */
function timeSpan(startTime: string, durationMinutes: number): string {
  const [hour = 0, minute = 0] = startTime.split(':').map(Number);
  const startMinutes = hour * 60 + minute;
  const endMinutes = startMinutes + durationMinutes;
  const end = DateTime.fromObject({ hour: 0, minute: 0 }).plus({ minutes: endMinutes % (24 * 60) });
  return `${startTime} to ${end.toFormat('HH:mm')}${endMinutes >= 24 * 60 ? ' the next day' : ''}`;
}

/** "the second Thursday of every month, 13:00 to 14:00 UK time": the schedule in words, for the lead and for everyone. */
export function describeSchedule(schedule: WebinarSchedule): string {
  const from = schedule.firstDate
    ? `, starting ${formatWebinarDay(DateTime.fromISO(schedule.firstDate, { zone: WEBINAR_TIME_ZONE }).toJSDate(), { weekday: false })}`
    : '';
  return `${describeRule(schedule.rule)}${from}, ${timeSpan(schedule.startTime, schedule.durationMinutes)} UK time`;
}
