import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { BotDeps } from '../botDeps.js';
import { VERBS } from '../verbs.js';
import { fieldsOf, type DateFields } from './dateChange.js';
import { describeSchedule } from './describeSchedule.js';
import { formatWebinarDay, formatWebinarTime } from './formatWebinarTime.js';
import { WEEKDAYS, WEEKS_OF_MONTH } from './plainSchedule.js';
import type { WebinarOccurrence, WebinarSchedule } from './schedule.js';
import {
  scheduleValuesOf,
  type Errors,
  type OccurrenceValues,
  type ScheduleValues,
  type ShownValues,
} from './settingsForm.js';
import { findWebinarDate, PAST_DATES, type WebinarDate } from './webinarDate.js';

type Choice = { title: string; value: string };

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    webinarSettings: {
      /** Saved, or what to fix; '' for none. */
      message: string;
      messageColour: 'Default' | 'Good' | 'Attention';
      /** The schedule in words, or that none is set. */
      summary: string;
      /** The next dates as they stand, changes shown. */
      coming: readonly Choice[];
      schedule: ScheduleValues;
      /** The plain choices: first to fourth and last; Monday to Sunday. */
      weeks: readonly Choice[];
      weekdays: readonly Choice[];
      change: OccurrenceValues;
      errors: Record<keyof ScheduleValues | keyof OccurrenceValues, string>;
      /** The dates a change can be made to: coming ones, then past ones (for a recording). */
      occurrences: readonly Choice[];
      /** The date the one-date fields show; `shown` false when there is none to show. */
      date: { shown: boolean; past: boolean; title: string; state: string; message: string };
      /** Carried back by the save button: what the fields showed. */
      shown: ShownValues;
      verbs: { saveSchedule: string; changeOccurrence: string; showOccurrence: string };
    };
  }
}

registerCardTemplates('webinar', ['webinarSettings']);

/** Coming dates a lead can change on the settings card. */
const CHANGEABLE_DATES = 6;

export interface SettingsCardState {
  /** What the lead typed, kept when something needs fixing; the saved schedule otherwise. */
  schedule?: ScheduleValues;
  /** The date to show under "Change one webinar"; the next one when not given. */
  date?: string;
  /** What the lead typed for that date, kept when something needs fixing; its saved state otherwise. */
  change?: OccurrenceValues;
  /** What the card showed for that date when the lead began, kept with what they typed. */
  shown?: ShownValues;
  errors?: Errors<ScheduleValues & OccurrenceValues>;
  message?: string;
  good?: boolean;
  /** Where the message goes: by the date's save button when it is about that date (the card is long). */
  messageAt?: 'top' | 'date';
}

const NO_ERRORS: Record<keyof ScheduleValues | keyof OccurrenceValues, string> = {
  weekOfMonth: '',
  weekday: '',
  rule: '',
  firstDate: '',
  startTime: '',
  durationMinutes: '',
  topic: '',
  joinUrl: '',
  occurrenceId: '',
  occurrenceTopic: '',
  occurrenceJoinUrl: '',
  cancelled: '',
  recordingUrl: '',
};

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
const WEEK_CHOICES = WEEKS_OF_MONTH.map((week) => ({ title: capitalised(week.name), value: week.value }));
const WEEKDAY_CHOICES = WEEKDAYS.map((day) => ({ title: day.name, value: day.value }));

/** The settings card's lists say UK time once, in the summary, not on every line. */
const dateLine = (occurrence: WebinarOccurrence) => formatWebinarTime(occurrence).replace(' (UK time)', '');

function occurrenceLine(occurrence: WebinarOccurrence): string {
  if (occurrence.cancelled) return 'Cancelled';
  // Topics are typed by the lead: shown as typed, never as Markdown.
  return [
    occurrence.topic && escapeCardText(occurrence.topic),
    occurrence.joinUrl ? 'joining link set' : 'no joining link yet',
  ]
    .filter(Boolean)
    .join('; ');
}

function pastChoiceTitle(occurrence: WebinarOccurrence, recorded: ReadonlySet<string>): string {
  const what = occurrence.cancelled ? 'cancelled' : recorded.has(occurrence.id) ? 'recording added' : 'took place';
  return `${formatWebinarDay(occurrence.start)} (${what})`;
}

/** "Goes ahead. Topic: Insulin safety (this date's own). Joining link: the schedule's." */
function stateLine({ occurrence, past, own }: WebinarDate, schedule: WebinarSchedule | undefined): string {
  if (past) {
    if (own.cancelled) return 'As it stands: it was cancelled, so there is no recording.';
    return `As it stands: it has taken place. ${own.recordingUrl ? 'Recording link: added (below).' : 'No recording link yet.'}`;
  }
  const topic = own.topic
    ? `Topic: ${escapeCardText(own.topic)} (this date's own).`
    : schedule?.topic
      ? `Topic: the schedule's (${escapeCardText(schedule.topic)}).`
      : 'No topic.';
  const link = own.joinUrl
    ? "Joining link: this date's own."
    : occurrence.joinUrl
      ? "Joining link: the schedule's."
      : 'No joining link yet.';
  const status = own.cancelled ? 'cancelled, so no reminders go out for it' : 'goes ahead';
  return `As it stands: ${status}. ${topic} ${link}`;
}

const valuesOf = (occurrenceId: string, own: DateFields): OccurrenceValues => ({
  occurrenceId,
  occurrenceTopic: own.topic,
  occurrenceJoinUrl: own.joinUrl,
  cancelled: String(own.cancelled),
  recordingUrl: own.recordingUrl,
});

const shownOf = (date: WebinarDate): ShownValues => ({
  shownOccurrenceId: date.occurrence.id,
  shownTopic: date.own.topic,
  shownJoinUrl: date.own.joinUrl,
  shownCancelled: String(date.own.cancelled),
  shownRecordingUrl: date.own.recordingUrl,
  shownPast: String(date.past),
});

const NO_DATE: ShownValues = {
  shownOccurrenceId: '',
  shownTopic: '',
  shownJoinUrl: '',
  shownCancelled: 'false',
  shownRecordingUrl: '',
  shownPast: 'false',
};

/**
 * The lead's settings card: the schedule (plain choices, or an Advanced rule) with its next
 * dates, and one date shown as it stands so it can be changed, cancelled or given a recording.
 */
export async function settingsCard(
  deps: Pick<BotDeps, 'webinars'>,
  state: SettingsCardState = {},
  now: Date = new Date(),
): Promise<AdaptiveCardJson> {
  const { webinars } = deps;
  const [schedule, coming, past, recordings] = await Promise.all([
    webinars.schedule(),
    webinars.upcoming(CHANGEABLE_DATES, { includeCancelled: true }),
    webinars.past(PAST_DATES),
    webinars.recordings(),
  ]);
  const recorded = new Set(recordings.map((recording) => recording.occurrenceId));
  // One in progress is a past date here: it can no longer be cancelled, and can be given its recording.
  const notBegun = coming.filter((occurrence) => occurrence.start.getTime() > now.getTime());
  const dateId = state.date ?? state.change?.occurrenceId ?? notBegun[0]?.id ?? past[0]?.id;
  const date = dateId === undefined ? undefined : await findWebinarDate(webinars, dateId, now);
  const messageAtDate = state.messageAt === 'date' && date !== undefined;
  return renderCard('webinarSettings', {
    message: messageAtDate ? '' : (state.message ?? ''),
    messageColour: state.message ? (state.good ? 'Good' : 'Attention') : 'Default',
    summary: schedule
      ? `Now: ${describeSchedule(schedule)}. Reminders go to every subscribed chat and channel before each webinar.`
      : 'No schedule is set yet. Choose the week, day and time below; the bot then answers "when is the next webinar" and sends reminders.',
    coming: coming.map((occurrence) => ({ title: dateLine(occurrence), value: occurrenceLine(occurrence) })),
    schedule: state.schedule ?? scheduleValuesOf(schedule),
    weeks: WEEK_CHOICES,
    weekdays: WEEKDAY_CHOICES,
    change:
      state.change ?? (date ? valuesOf(date.occurrence.id, date.own) : valuesOf(dateId ?? '', fieldsOf(undefined))),
    errors: { ...NO_ERRORS, ...state.errors },
    occurrences: [
      ...notBegun.map((occurrence) => ({
        title: `${dateLine(occurrence)}${occurrence.cancelled ? ' (cancelled)' : ''}`,
        value: occurrence.id,
      })),
      ...past.map((occurrence) => ({ title: pastChoiceTitle(occurrence, recorded), value: occurrence.id })),
    ],
    date: date
      ? {
          shown: true,
          past: date.past,
          title: dateLine(date.occurrence),
          state: stateLine(date, schedule),
          message: messageAtDate ? (state.message ?? '') : '',
        }
      : { shown: false, past: false, title: '', state: '', message: '' },
    shown: state.shown ?? (date ? shownOf(date) : NO_DATE),
    verbs: {
      saveSchedule: VERBS.saveWebinarSchedule,
      changeOccurrence: VERBS.changeWebinarOccurrence,
      showOccurrence: VERBS.showWebinarOccurrence,
    },
  });
}
