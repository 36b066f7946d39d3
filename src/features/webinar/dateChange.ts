import { formatWebinarDay } from './formatWebinarTime.js';
import { startOfOccurrence, type OccurrenceChange } from './schedule.js';
import type { Errors, OccurrenceValues, ShownValues } from './settingsForm.js';

/** One date's own settings, '' for none: what the card shows and what a save compares. */
export interface DateFields {
  topic: string;
  joinUrl: string;
  cancelled: boolean;
  recordingUrl: string;
}

/** What a save did to one date, in the words the audit log keeps. */
export type DateChangeKind = 'cancelled' | 'restored' | 'topic' | 'link' | 'recording';

export const fieldsOf = (change: OccurrenceChange | undefined): DateFields => ({
  topic: change?.topic ?? '',
  joinUrl: change?.joinUrl ?? '',
  cancelled: change?.cancelled ?? false,
  recordingUrl: change?.recordingUrl ?? '',
});

/**
 * What the card showed. A card made before it showed a date's state (no `shownOccurrenceId`)
 * started with empty fields and the toggle off, so that is what it showed.
 */
export const shownFieldsOf = (shown: ShownValues): DateFields => ({
  topic: shown.shownTopic,
  joinUrl: shown.shownJoinUrl,
  cancelled: shown.shownCancelled === 'true',
  recordingUrl: shown.shownRecordingUrl,
});

export interface DateEdit {
  /** What is stored for the date now (read at save time, not when the card was made). */
  stored: DateFields;
  /** What the card showed when the lead began. */
  shown: DateFields;
  /** What the card sent back, checked. */
  typed: DateFields;
  /** The webinar has begun: only its recording can change. */
  past: boolean;
}

export type SettledEdit =
  { ok: true; next: DateFields; changed: DateChangeKind[] } | { ok: false; errors: Errors<OccurrenceValues> };

/** The typed value where the lead changed what the card showed; what is stored otherwise. */
const settle = <T>(typed: T, shown: T, stored: T): T => (typed === shown ? stored : typed);

/**
 * A date's settings after a save: a field the lead left as shown keeps what is stored, so a
 * cancellation is lifted only by untoggling it, and another lead's change made meanwhile to a
 * field this lead did not touch stays.
 */
export function settleDateEdit({ stored, shown, typed, past }: DateEdit): SettledEdit {
  const recordingUrl = settle(typed.recordingUrl, shown.recordingUrl, stored.recordingUrl);
  if (!past && recordingUrl !== stored.recordingUrl)
    return { ok: false, errors: { recordingUrl: 'A recording link can be added once the webinar has taken place.' } };
  if (past && stored.cancelled && recordingUrl !== stored.recordingUrl)
    return { ok: false, errors: { recordingUrl: 'This webinar was cancelled, so it has no recording to link.' } };
  const next: DateFields = past
    ? { ...stored, recordingUrl }
    : {
        topic: settle(typed.topic, shown.topic, stored.topic),
        joinUrl: settle(typed.joinUrl, shown.joinUrl, stored.joinUrl),
        cancelled: settle(typed.cancelled, shown.cancelled, stored.cancelled),
        recordingUrl,
      };
  const changed: DateChangeKind[] = [];
  if (next.cancelled !== stored.cancelled) changed.push(next.cancelled ? 'cancelled' : 'restored');
  if (next.topic !== stored.topic) changed.push('topic');
  if (next.joinUrl !== stored.joinUrl) changed.push('link');
  if (next.recordingUrl !== stored.recordingUrl) changed.push('recording');
  return { ok: true, next, changed };
}

export function changeOf(occurrenceId: string, fields: DateFields): OccurrenceChange {
  return {
    occurrenceId,
    topic: fields.topic || undefined,
    joinUrl: fields.joinUrl || undefined,
    cancelled: fields.cancelled,
    recordingUrl: fields.recordingUrl || undefined,
  };
}

/** "14 January 2027", the date of an occurrence id; "another date" for anything else (a forged card's text is never echoed). */
export function dayOf(occurrenceId: string): string {
  const start = startOfOccurrence(occurrenceId);
  return start ? formatWebinarDay(start, { weekday: false }) : 'another date';
}

function partOf(kind: DateChangeKind, before: DateFields, after: DateFields): string {
  switch (kind) {
    case 'cancelled':
      return 'cancelled, so no reminders go out for it';
    case 'restored':
      return 'no longer cancelled, so it goes ahead with reminders';
    case 'topic':
      return after.topic ? 'topic changed' : "its own topic removed: the schedule's applies";
    case 'link':
      return after.joinUrl ? 'joining link changed' : "its own joining link removed: the schedule's applies";
    case 'recording':
      return !after.recordingUrl
        ? 'recording link removed'
        : before.recordingUrl
          ? 'recording link changed'
          : 'recording link added';
  }
}

/** "Saved: the webinar of 14 January 2027 — topic changed; still cancelled." */
export function describeDateEdit(
  occurrenceId: string,
  before: DateFields,
  after: DateFields,
  changed: readonly DateChangeKind[],
): string {
  const webinar = `the webinar of ${dayOf(occurrenceId)}`;
  if (changed.length === 0) return `Nothing to save: ${webinar} already stands as shown.`;
  const parts = changed.map((kind) => partOf(kind, before, after));
  const cancellationKept = !changed.includes('cancelled') && !changed.includes('restored') && after.cancelled;
  if (cancellationKept) parts.push('still cancelled');
  return `Saved: ${webinar} \u2014 ${parts.join('; ')}.`;
}
