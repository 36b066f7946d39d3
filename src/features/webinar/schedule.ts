import { DateTime } from 'luxon';
import rrule, { type Options as RRuleOptions } from 'rrule';

// rrule ships CommonJS without named ESM exports: take them from the default export.
const { RRule, Frequency } = rrule;

/** The webinar is run from England: its schedule is kept in London wall-clock time. */
export const WEBINAR_TIME_ZONE = 'Europe/London';

/** An example only: the real day, time and link are the national lead's to set. */
export const EXAMPLE_WEBINAR_RULE = 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2';

export interface WebinarSchedule {
  /** RFC 5545 RRULE (no DTSTART, no BYHOUR/BYMINUTE: the time is `startTime`). */
  rule: string;
  /** First day of the series (London, `YYYY-MM-DD`); needed only by rules that count from a start. */
  firstDate: string | undefined;
  /** London wall-clock start, `HH:MM`. */
  startTime: string;
  durationMinutes: number;
  topic: string | undefined;
  joinUrl: string | undefined;
}

export interface WebinarOccurrence {
  /**
   * The scheduled London date and time (`2026-12-10T13:00`): stable for the life of the schedule,
   * so calendar UIDs, and later per-occurrence changes and reminders, can key on it.
   */
  id: string;
  start: Date;
  end: Date;
  topic: string | undefined;
  joinUrl: string | undefined;
  /** Called off by the lead for this date only; the series goes on. */
  cancelled: boolean;
}

/** A lead's change to one occurrence, keyed by its id; unset fields keep the schedule's. */
export interface OccurrenceChange {
  occurrenceId: string;
  topic: string | undefined;
  joinUrl: string | undefined;
  cancelled: boolean;
  /** Where to watch it once it has taken place; changes saved before recordings were kept have none. */
  recordingUrl?: string | undefined;
}

export type RuleCheck = { ok: true } | { ok: false; problem: string };

const ALLOWED_FREQUENCIES = new Set<number>([Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY]);
const RULE_SHAPE = /^(?:RRULE:)?[A-Z]+=[^;=\s]+(?:;[A-Z]+=[^;=\s]+)*$/;
const TIME_PARTS = /^(BYHOUR|BYMINUTE|BYSECOND|DTSTART|TZID)=/m;
/** Long enough for any sensible rule to occur (a 29 February rule occurs within eight years). */
const YEARS_TO_FIND_ONE = 8;
/** A guard against a rule that never reaches `from`; a monthly rule needs a handful of steps. */
const MAX_STEPS = 1000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Parses the RRULE text (upper-cased, an `RRULE:` prefix allowed) into rrule options, or says what is wrong. */
function parseRule(text: string): { ok: true; options: Partial<RRuleOptions> } | { ok: false; problem: string } {
  const rule = text.trim().toUpperCase();
  if (!RULE_SHAPE.test(rule)) return { ok: false, problem: 'is not an RRULE (NAME=VALUE parts separated by ";")' };
  const parts = rule.replace(/^RRULE:/, '').split(';');
  if (parts.some((part) => TIME_PARTS.test(part))) {
    return {
      ok: false,
      problem:
        'must not set BYHOUR, BYMINUTE, BYSECOND, DTSTART or TZID: the time comes from WEBINAR_START, in Europe/London',
    };
  }
  let options: Partial<RRuleOptions>;
  try {
    options = RRule.parseString(rule.replace(/^RRULE:/, ''));
  } catch (error) {
    return { ok: false, problem: `is not a valid RRULE (${error instanceof Error ? error.message : String(error)})` };
  }
  if (options.freq === undefined || !ALLOWED_FREQUENCIES.has(options.freq)) {
    return { ok: false, problem: 'needs FREQ=YEARLY, MONTHLY, WEEKLY or DAILY' };
  }
  const weekdays = options.byweekday;
  // rrule leaves an unknown weekday as undefined rather than refusing it.
  if (Array.isArray(weekdays) && (weekdays as unknown[]).some((day) => day === undefined)) {
    return {
      ok: false,
      problem: 'has a BYDAY value that is not a weekday (MO, TU, WE, TH, FR, SA, SU, optionally numbered: 2TH, -1FR)',
    };
  }
  if ((options.interval ?? 1) < 1) {
    return { ok: false, problem: 'needs INTERVAL of 1 or more' };
  }
  return { ok: true, options };
}

/** Whether the rule's dates depend on where the series starts (so a first date must be given). */
function countsFromStart(options: Partial<RRuleOptions>): boolean {
  const has = (value: unknown) =>
    value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
  if ((options.interval ?? 1) > 1 || has(options.count)) return true;
  switch (options.freq) {
    case Frequency.WEEKLY:
      return !has(options.byweekday);
    case Frequency.MONTHLY:
      return !has(options.byweekday) && !has(options.bymonthday);
    case Frequency.YEARLY:
      return (
        !has(options.byyearday) &&
        !has(options.byweekno) &&
        !(has(options.bymonth) && (has(options.bymonthday) || has(options.byweekday)))
      );
    default:
      return false;
  }
}

/** London wall-clock time written as a UTC Date: rrule then works on dates alone, with no zone. */
function floatingOf(instant: Date): Date {
  const local = DateTime.fromJSDate(instant, { zone: WEBINAR_TIME_ZONE });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

/** The real instant of a London wall-clock time (a time skipped in March moves forward an hour). */
function instantOf(floating: Date): Date {
  return DateTime.fromObject(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
    },
    { zone: WEBINAR_TIME_ZONE },
  ).toJSDate();
}

function floatingAt(date: string, time: string): Date {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return new Date(Date.UTC(year, month - 1, day, hour, minute));
}

/** The rule with its series start: the first date, or (for rules that do not count) any day before `near`. */
function compile(schedule: WebinarSchedule, options: Partial<RRuleOptions>, near: Date): InstanceType<typeof RRule> {
  const dtstart = schedule.firstDate
    ? floatingAt(schedule.firstDate, schedule.startTime)
    : floatingAt(`${near.getUTCFullYear()}-${near.getUTCMonth() + 1}-1`, schedule.startTime);
  return new RRule({ ...options, dtstart, tzid: null });
}

/** Checks a rule as configuration: it parses, fits a London schedule, and happens at least once. */
export function checkWebinarRule(rule: string, firstDate: string | undefined): RuleCheck {
  const parsed = parseRule(rule);
  if (!parsed.ok) return parsed;
  if (!firstDate && countsFromStart(parsed.options)) {
    return {
      ok: false,
      problem:
        'counts from a first date (INTERVAL, COUNT, or no BYDAY/BYMONTHDAY): give one in WEBINAR_START as YYYY-MM-DDTHH:MM',
    };
  }
  const start = firstDate ? floatingAt(firstDate, '00:00') : new Date(Date.UTC(2024, 0, 1));
  const horizon = new Date(start.getTime() + YEARS_TO_FIND_ONE * 366 * DAY_MS);
  // UNTIL and COUNT set aside: a series that has ended is a schedule; one that never starts is a mistake.
  const endless = new RRule({ ...parsed.options, until: null, count: null, dtstart: start, tzid: null });
  if (endless.between(start, horizon, true).length === 0)
    return { ok: false, problem: 'never happens (check BYSETPOS, BYMONTHDAY and BYMONTH)' };
  return { ok: true };
}

function occurrenceAt(floating: Date, schedule: WebinarSchedule): WebinarOccurrence {
  const start = instantOf(floating);
  return {
    id: floating.toISOString().slice(0, 16),
    start,
    end: new Date(start.getTime() + schedule.durationMinutes * MINUTE_MS),
    topic: schedule.topic,
    joinUrl: schedule.joinUrl,
    cancelled: false,
  };
}

function parsedOrThrow(schedule: WebinarSchedule): Partial<RRuleOptions> {
  const parsed = parseRule(schedule.rule);
  if (!parsed.ok) throw new Error(`WEBINAR_RRULE ${parsed.problem}`);
  return parsed.options;
}

/**
 * The next `count` occurrences that have not ended by `from`: one in progress still counts.
 * Dates come from the rule; each London wall-clock start becomes a real instant through the
 * zone's rules, so 13:00 is 13:00Z in winter and 12:00Z in summer.
 */
export function nextOccurrences(schedule: WebinarSchedule, from: Date, count: number): WebinarOccurrence[] {
  const options = parsedOrThrow(schedule);
  const durationMs = schedule.durationMinutes * MINUTE_MS;
  // A day's margin before the earliest start that could still be running, in wall-clock terms.
  let cursor = floatingOf(new Date(from.getTime() - durationMs - DAY_MS));
  const rule = compile(schedule, options, cursor);
  const found: WebinarOccurrence[] = [];
  for (let step = 0; found.length < count && step < MAX_STEPS; step += 1) {
    const next = rule.after(cursor, false);
    if (!next) break;
    cursor = next;
    const occurrence = occurrenceAt(next, schedule);
    if (occurrence.end.getTime() > from.getTime()) found.push(occurrence);
  }
  return found;
}

/**
 * Up to `count` occurrences that began in the year before `now` (one in progress counts), newest
 * first: the dates a lead can add a recording to.
 */
export function pastOccurrences(schedule: WebinarSchedule, now: Date, count: number): WebinarOccurrence[] {
  const options = parsedOrThrow(schedule);
  const since = floatingOf(DateTime.fromJSDate(now, { zone: WEBINAR_TIME_ZONE }).minus({ years: 1 }).toJSDate());
  const rule = compile(schedule, options, since);
  return rule
    .between(since, floatingOf(now), true)
    .map((floating) => occurrenceAt(floating, schedule))
    .filter((occurrence) => occurrence.start.getTime() <= now.getTime())
    .reverse()
    .slice(0, count);
}

/** When an occurrence id (London wall-clock, `2026-12-10T13:00`) starts; undefined for an id that is not one. */
export function startOfOccurrence(occurrenceId: string): Date | undefined {
  const start = DateTime.fromISO(occurrenceId, { zone: WEBINAR_TIME_ZONE });
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(occurrenceId) && start.isValid ? start.toJSDate() : undefined;
}

/** The occurrences with the lead's changes to single dates laid over them. */
export function withChanges(
  occurrences: readonly WebinarOccurrence[],
  changes: ReadonlyMap<string, OccurrenceChange>,
): WebinarOccurrence[] {
  return occurrences.map((occurrence) => {
    const change = changes.get(occurrence.id);
    if (!change) return occurrence;
    return {
      ...occurrence,
      topic: change.topic ?? occurrence.topic,
      joinUrl: change.joinUrl ?? occurrence.joinUrl,
      cancelled: change.cancelled,
    };
  });
}
