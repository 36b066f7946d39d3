import { DateTime } from 'luxon';
import { z } from 'zod';
import { readCardInputs } from '../../platform/cards/readCardInputs.js';
import { choiceOfRule, choiceOfWords, ruleOfChoice, weekday, weekOfMonth } from './plainSchedule.js';
import { checkWebinarRule, WEBINAR_TIME_ZONE, type OccurrenceChange, type WebinarSchedule } from './schedule.js';

/** The settings card's inputs as Teams sends them back (strings; absent when left empty). */
export interface ScheduleValues {
  /** The plain choices: `1`..`4` or `-1`, and `MO`..`SU`. */
  weekOfMonth: string;
  weekday: string;
  /** Advanced: an RRULE used instead of the choices when given. */
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
  /** Only for a date that has taken place. */
  recordingUrl: string;
}

/**
 * The date's own settings as the card showed them, carried in its save button's data: what the
 * lead left as shown keeps what is stored, so a save changes only what the lead changed.
 */
export interface ShownValues {
  shownOccurrenceId: string;
  shownTopic: string;
  shownJoinUrl: string;
  shownCancelled: string;
  shownRecordingUrl: string;
  /** `true` when the date had begun as the card was made: only its recording could be changed. */
  shownPast: string;
}

export type Errors<Values> = Partial<Record<keyof Values, string>>;

export const MIN_WEBINAR_MINUTES = 15;
export const MAX_WEBINAR_MINUTES = 480;
const TOPIC_MAX = 200;

export const SCHEDULE_FIELDS = [
  'weekOfMonth',
  'weekday',
  'rule',
  'firstDate',
  'startTime',
  'durationMinutes',
  'topic',
  'joinUrl',
] as const satisfies readonly (keyof ScheduleValues)[];
export const OCCURRENCE_FIELDS = [
  'occurrenceId',
  'occurrenceTopic',
  'occurrenceJoinUrl',
  'cancelled',
  'recordingUrl',
] as const satisfies readonly (keyof OccurrenceValues)[];
export const SHOWN_FIELDS = [
  'shownOccurrenceId',
  'shownTopic',
  'shownJoinUrl',
  'shownCancelled',
  'shownRecordingUrl',
  'shownPast',
] as const satisfies readonly (keyof ShownValues)[];

/** Whatever arrived, as strings for the card to show again. */
export const readScheduleValues = (data: Readonly<Record<string, unknown>>): ScheduleValues =>
  readCardInputs(data, SCHEDULE_FIELDS);
export const readOccurrenceValues = (data: Readonly<Record<string, unknown>>): OccurrenceValues =>
  readCardInputs(data, OCCURRENCE_FIELDS);
export const readShownValues = (data: Readonly<Record<string, unknown>>): ShownValues =>
  readCardInputs(data, SHOWN_FIELDS);

/** The schedule as the card shows it: as the plain choices when they can say it, else in the Advanced field. */
export function scheduleValuesOf(schedule: WebinarSchedule | undefined): ScheduleValues {
  // A first date matters only to a rule that counts from it; one the choices cannot keep stays Advanced.
  const choice = schedule && !schedule.firstDate ? choiceOfRule(schedule.rule) : undefined;
  return {
    weekOfMonth: choice?.week ?? '',
    weekday: choice?.weekday ?? '',
    rule: choice ? '' : (schedule?.rule ?? ''),
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

const httpsLink = (error: string) =>
  z
    .string()
    .trim()
    .max(2000, { error: 'That link is too long: give the address as the browser shows it.' })
    .pipe(z.url({ protocol: /^https$/, error }));
const joinLink = httpsLink('Give the joining link as an https address, such as the Teams meeting link.');
const recordingLink = httpsLink(
  'Give the recording link as an https address, such as the link to the recording in Stream or SharePoint.',
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

/** The rule a problem was found in, said for the card rather than for configuration. */
const ruleProblem = (problem: string) =>
  `This rule ${problem
    .replace('WEBINAR_START as YYYY-MM-DDTHH:MM', 'the first date')
    .replace('the time comes from WEBINAR_START, in Europe/London', 'the time comes from the start time field')}.`;
const NOT_A_RULE =
  'The bot cannot read this as a rule. Leave it empty and choose the week and day above, or give an RFC 5545 rule such as FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH (the second Thursday of every other month).';

/** The rule from the Advanced field when it is filled (a typed "second Thursday" counts as the choice), else from the choices. */
function ruleOf(values: ScheduleValues, errors: Errors<ScheduleValues>, firstDate: string | undefined) {
  const typed = values.rule.trim();
  if (typed === '') {
    const week = weekOfMonth(values.weekOfMonth.trim());
    const day = weekday(values.weekday.trim());
    if (!week) errors.weekOfMonth = 'Choose which week of the month, or give a rule under Advanced.';
    if (!day) errors.weekday = 'Choose the day of the week, or give a rule under Advanced.';
    return week && day ? { rule: ruleOfChoice({ week, weekday: day }), plain: true } : undefined;
  }
  const words = choiceOfWords(typed);
  if (words) return { rule: ruleOfChoice(words), plain: true };
  const rule = typed.toUpperCase().replace(/^RRULE:/, '');
  if (rule.length > 300) {
    errors.rule = 'That rule is too long; a monthly webinar needs only a few parts.';
    return undefined;
  }
  // A bad first date is reported at its own field; the rule is checked once that is right.
  if (firstDate === undefined) return undefined;
  const checked = checkWebinarRule(rule, firstDate || undefined);
  if (checked.ok) return { rule, plain: false };
  errors.rule = checked.problem.startsWith('is not an RRULE') ? NOT_A_RULE : ruleProblem(checked.problem);
  return undefined;
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
  const rule = ruleOf(values, errors, firstDate);
  if (!rule || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      rule: rule.rule,
      // A week and a day do not count from a start: a first date would only hide earlier dates.
      firstDate: rule.plain ? undefined : firstDate || undefined,
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
  const recordingUrl =
    values.recordingUrl.trim() === '' ? '' : field('recordingUrl', recordingLink, values.recordingUrl);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      occurrenceId,
      topic: topic || undefined,
      joinUrl: joinUrl || undefined,
      cancelled: cancelled ?? false,
      recordingUrl: recordingUrl || undefined,
    },
  };
}
