import { describe, expect, it } from 'vitest';
import {
  describeDateEdit,
  settleDateEdit,
  shownFieldsOf,
  type DateEdit,
  type DateFields,
} from '../../../../src/features/webinar/dateChange.js';
import { readShownValues } from '../../../../src/features/webinar/settingsForm.js';

const JANUARY = '2027-01-14T13:00';
const LINK = 'https://teams.microsoft.com/l/meetup-join/january';
const RECORDING = 'https://example.sharepoint.com/recordings/january';
const NOTHING: DateFields = { topic: '', joinUrl: '', cancelled: false, recordingUrl: '' };
const CANCELLED: DateFields = { ...NOTHING, cancelled: true, joinUrl: LINK };

function saved(edit: DateEdit) {
  const settled = settleDateEdit(edit);
  if (!settled.ok) throw new Error(JSON.stringify(settled.errors));
  return { ...settled, message: describeDateEdit(JANUARY, edit.stored, settled.next, settled.changed) };
}

describe('a change to one date', () => {
  it('that leaves a cancellation as it was keeps it cancelled, and says so', () => {
    const result = saved({
      stored: CANCELLED,
      shown: CANCELLED,
      typed: { ...CANCELLED, topic: 'Insulin safety' },
      past: false,
    });

    expect(result.next).toEqual({ ...CANCELLED, topic: 'Insulin safety' });
    expect(result.changed).toEqual(['topic']);
    expect(result.message).toBe('Saved: the webinar of 14 January 2027 \u2014 topic changed; still cancelled.');
  });

  it('lifts a cancellation only when its toggle was changed', () => {
    const result = saved({
      stored: CANCELLED,
      shown: CANCELLED,
      typed: { ...CANCELLED, cancelled: false },
      past: false,
    });

    expect(result.next.cancelled).toBe(false);
    expect(result.changed).toEqual(['restored']);
    expect(result.message).toBe(
      'Saved: the webinar of 14 January 2027 \u2014 no longer cancelled, so it goes ahead with reminders.',
    );
  });

  it('from a card that did not show the date (empty fields, toggle off) keeps the cancellation and the link stored', () => {
    const result = saved({
      stored: CANCELLED,
      shown: shownFieldsOf(readShownValues({})),
      typed: { ...NOTHING, topic: 'Opioids' },
      past: false,
    });

    expect(result.next).toEqual({ ...CANCELLED, topic: 'Opioids' });
  });

  it("keeps another lead's cancellation, made after the card was shown, when this lead did not touch the toggle", () => {
    const result = saved({ stored: CANCELLED, shown: NOTHING, typed: { ...NOTHING, topic: 'Opioids' }, past: false });

    expect(result.next.cancelled).toBe(true);
    expect(result.message).toContain('still cancelled');
  });

  it("removes the date's own topic when the lead empties the field, so the schedule's applies", () => {
    const stored = { ...NOTHING, topic: 'Insulin safety' };
    const result = saved({ stored, shown: stored, typed: NOTHING, past: false });

    expect(result.next).toEqual(NOTHING);
    expect(result.message).toBe(
      "Saved: the webinar of 14 January 2027 \u2014 its own topic removed: the schedule's applies.",
    );
  });

  it('names each thing changed, for the audit log too', () => {
    const result = saved({
      stored: NOTHING,
      shown: NOTHING,
      typed: { ...NOTHING, cancelled: true, topic: 'Moved', joinUrl: LINK },
      past: false,
    });

    expect(result.changed).toEqual(['cancelled', 'topic', 'link']);
    expect(result.message).toBe(
      'Saved: the webinar of 14 January 2027 \u2014 cancelled, so no reminders go out for it; topic changed; joining link changed.',
    );
  });

  it('says nothing changed when the fields are saved as shown', () => {
    const result = saved({ stored: CANCELLED, shown: CANCELLED, typed: CANCELLED, past: false });

    expect(result.changed).toEqual([]);
    expect(result.message).toBe('Nothing to save: the webinar of 14 January 2027 already stands as shown.');
  });

  it('takes only a recording link for a date that has taken place', () => {
    const stored = { ...NOTHING, topic: 'Insulin safety' };
    const result = saved({
      stored,
      shown: stored,
      // A past date's card has no topic, link or toggle: they arrive empty.
      typed: { ...NOTHING, recordingUrl: RECORDING },
      past: true,
    });

    expect(result.next).toEqual({ ...stored, recordingUrl: RECORDING });
    expect(result.changed).toEqual(['recording']);
    expect(result.message).toBe('Saved: the webinar of 14 January 2027 \u2014 recording link added.');
  });

  it.each([
    ['a coming date', NOTHING, false, /once the webinar has taken place/],
    ['a past date that was cancelled', CANCELLED, true, /was cancelled/],
  ])('refuses a recording link for %s', (_what, stored, past, message) => {
    const settled = settleDateEdit({ stored, shown: stored, typed: { ...stored, recordingUrl: RECORDING }, past });

    expect(settled.ok).toBe(false);
    if (!settled.ok) expect(settled.errors.recordingUrl).toMatch(message);
  });
});
