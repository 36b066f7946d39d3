import { DateTime } from 'luxon';
import { z } from 'zod';
import { readCardInputs } from '../../platform/cards/readCardInputs.js';
import {
  checkWebinarRule,
  EXAMPLE_WEBINAR_RULE,
  WEBINAR_TIME_ZONE,
  type OccurrenceChange,
  type WebinarSchedule,
} from './schedule.js';

/** The settings card's inputs as Teams sends them back (strings; absent when left empty). */
export interface ScheduleValues {
  rule: string;
  firstDate: string;
  startTime: string;
  durationMinutes: string;
  topic: string;
  joinUrl: string;
}

/** The "change one webinar" inputs on the same card. */
export interface OccurrenceValues {
  occurrenceId: string;
  occurrenceTopic: string;
  occurrenceJoinUrl: string;
  cancelled: string;
}

export type Errors<Values> = Partial<Record<keyof Values, string>>;

export const MIN_WEBINAR_MINUTES = 15;
export const MAX_WEBINAR_MINUTES = 480;
const TOPIC_MAX = 200;

const SCHEDULE_FIELDS = [
  'rule',
  'firstDate',
  'startTime',
  'durationMinutes',
  'topic',
  'joinUrl',
] as const satisfies readonly (keyof ScheduleValues)[];
const OCCURRENCE_FIELDS = [
  'occurrenceId',
  'occurrenceTopic',
  'occurrenceJoinUrl',
  'cancelled',
] as const satisfies readonly (keyof OccurrenceValues)[];

/** Whatever arrived, as strings for the card to show again. */
export const readScheduleValues = (data: Readonly<Record<string, unknown>>): ScheduleValues =>
  readCardInputs(data, SCHEDULE_FIELDS);
export const readOccurrenceValues = (data: Readonly<Record<string, unknown>>): OccurrenceValues =>
  readCardInputs(data, OCCURRENCE_FIELDS);

/** The schedule as the card shows it. */
export function scheduleValuesOf(schedule: WebinarSchedule | undefined): ScheduleValues {
  return {
    rule: schedule?.rule ?? '',
    firstDate: schedule?.firstDate ?? '',
    startTime: schedule?.startTime ?? '',
    durationMinutes: schedule ? String(schedule.durationMinutes) : '60',
    topic: schedule?.topic ?? '',
    joinUrl: schedule?.joinUrl ?? '',
  };
}

const oneLine = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep the ${what} to ${String(max)} characters.` })
    .regex(/^[^\r\n]*$/, { error: `Keep the ${what} to one line.` });

const joinLink = z
  .string()
  .trim()
  .max(2000, { error: 'That link is too long to be a Teams meeting link.' })
  .pipe(
    z.url({ protocol: /^https$/, error: 'Give the joining link as an https address, such as the Teams meeting link.' }),
  );

const durationMessage = `Give the length in minutes, from ${String(MIN_WEBINAR_MINUTES)} to ${String(MAX_WEBINAR_MINUTES)}.`;
const checks = {
  startTime: z
    .string()
    .trim()
    // Teams' time input sends HH:mm; some clients add seconds.
    .regex(/^([01]\d|2[0-3]):([0-5]\d)(?::00)?$/, { error: 'Give the start time as HH:MM in UK time, such as 13:00.' })
    .transform((time) => time.slice(0, 5)),
  firstDate: z
    .string()
    .trim()
    .refine(
      (date) =>
        date === '' ||
        (/^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: WEBINAR_TIME_ZONE }).isValid),
      {
        error: 'Give the first date as a real date, or leave it empty.',
      },
    ),
  durationMinutes: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, { error: durationMessage })
    .transform(Number)
    .refine((minutes) => minutes >= MIN_WEBINAR_MINUTES && minutes <= MAX_WEBINAR_MINUTES, { error: durationMessage }),
  topic: oneLine(TOPIC_MAX, 'topic'),
};

type Check<Values, Result> = { ok: true; value: Result } | { ok: false; errors: Errors<Values> };

function fieldChecker<Values>(errors: Errors<Values>) {
  return <T>(name: keyof Values, schema: z.ZodType<T>, value: string): T | undefined => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    errors[name] = parsed.error.issues[0]?.message ?? 'Check this field.';
    return undefined;
  };
}

/** Checks the schedule field by field, so each message can be shown at its field. */
export function checkSchedule(values: ScheduleValues): Check<ScheduleValues, WebinarSchedule> {
  const errors: Errors<ScheduleValues> = {};
  const field = fieldChecker(errors);
  const startTime = field('startTime', checks.startTime, values.startTime);
  const firstDate = field('firstDate', checks.firstDate, values.firstDate);
  const durationMinutes = field('durationMinutes', checks.durationMinutes, values.durationMinutes);
  const topic = field('topic', checks.topic, values.topic);
  const joinUrl = values.joinUrl.trim() === '' ? '' : field('joinUrl', joinLink, values.joinUrl);
  const rule = values.rule
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  if (rule === '') {
    errors.rule = `Give the recurrence rule, such as ${EXAMPLE_WEBINAR_RULE} (the second Thursday of each month).`;
  } else if (rule.length > 300) {
    errors.rule = 'That rule is too long; a monthly webinar needs only a few parts.';
  } else if (firstDate !== undefined) {
    const checked = checkWebinarRule(rule, firstDate || undefined);
    if (!checked.ok)
      errors.rule = `This rule ${checked.problem.replace('WEBINAR_START as YYYY-MM-DDTHH:MM', 'the first date')}.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      rule,
      firstDate: firstDate || undefined,
      startTime: startTime ?? '',
      durationMinutes: durationMinutes ?? 60,
      topic: topic || undefined,
      joinUrl: joinUrl || undefined,
    },
  };
}

/** Checks a change to one occurrence; which occurrences exist is the caller's to check. */
export function checkOccurrenceChange(values: OccurrenceValues): Check<OccurrenceValues, OccurrenceChange> {
  const errors: Errors<OccurrenceValues> = {};
  const field = fieldChecker(errors);
  const occurrenceId = values.occurrenceId.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(occurrenceId)) errors.occurrenceId = 'Choose which webinar to change.';
  const topic = field('occurrenceTopic', checks.topic, values.occurrenceTopic);
  const joinUrl =
    values.occurrenceJoinUrl.trim() === '' ? '' : field('occurrenceJoinUrl', joinLink, values.occurrenceJoinUrl);
  const cancelled =
    values.cancelled === 'true' ? true : values.cancelled === 'false' || values.cancelled === '' ? false : undefined;
  if (cancelled === undefined) errors.cancelled = 'Say whether this webinar is cancelled.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { occurrenceId, topic: topic || undefined, joinUrl: joinUrl || undefined, cancelled: cancelled ?? false },
  };
}
