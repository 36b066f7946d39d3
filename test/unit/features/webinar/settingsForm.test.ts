import { describe, expect, it } from 'vitest';
import {
  checkOccurrenceChange,
  checkSchedule,
  readOccurrenceValues,
  readScheduleValues,
  scheduleValuesOf,
} from '../../../../src/features/webinar/settingsForm.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

const valid = readScheduleValues({
  rule: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
  startTime: '13:00',
  durationMinutes: '60',
  topic: 'Insulin safety',
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
});

describe('checkSchedule', () => {
  it('accepts a monthly rule with a time, a length, a topic and a Teams link', () => {
    expect(checkSchedule(valid)).toEqual({
      ok: true,
      value: {
        rule: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
        firstDate: undefined,
        startTime: '13:00',
        durationMinutes: 60,
        topic: 'Insulin safety',
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
      },
    });
  });

  it.each([
    ['rule', { rule: 'every second thursday' }, /cannot read this as a rule.*choose the week and day/],
    ['rule', { rule: 'FREQ=MONTHLY;BYDAY=XX' }, /not a weekday/],
    ['rule', { rule: 'FREQ=MONTHLY;BYDAY=TH;BYHOUR=13' }, /must not set BYHOUR.*the start time field/],
    ['rule', { rule: 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2' }, /never happens/],
    ['rule', { rule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH' }, /first date/],
    ['weekOfMonth', { rule: '' }, /Choose which week/],
    ['weekday', { rule: '', weekOfMonth: '2', weekday: 'Thursday' }, /Choose the day/],
    ['weekOfMonth', { rule: '', weekOfMonth: '5', weekday: 'TH' }, /Choose which week/],
    ['startTime', { startTime: '25:00' }, /HH:MM/],
    ['startTime', { startTime: '1pm' }, /HH:MM/],
    ['durationMinutes', { durationMinutes: '5' }, /from 15 to 480/],
    ['durationMinutes', { durationMinutes: 'an hour' }, /from 15 to 480/],
    ['firstDate', { firstDate: '2026-02-30' }, /real date/],
    ['joinUrl', { joinUrl: 'http://teams.microsoft.com/l/meetup-join/example' }, /https/],
    ['joinUrl', { joinUrl: 'javascript:alert(1)' }, /https/],
    ['topic', { topic: 'two\nlines' }, /one line/],
    ['topic', { topic: 'x'.repeat(201) }, /200 characters/],
  ])('puts the problem at %s for %j', (field, change, message) => {
    const checked = checkSchedule({ ...valid, ...change });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors[field as keyof typeof checked.errors]).toMatch(message);
  });

  it('takes the plain choices when the Advanced rule is empty, and drops a first date they do not need', () => {
    expect(
      checkSchedule({ ...valid, rule: ' ', weekOfMonth: '-1', weekday: 'FR', firstDate: '2026-01-01' }),
    ).toMatchObject({ ok: true, value: { rule: 'FREQ=MONTHLY;BYDAY=-1FR', firstDate: undefined } });
  });

  it('uses the Advanced rule over the choices when it is filled', () => {
    expect(checkSchedule({ ...valid, rule: 'FREQ=WEEKLY;BYDAY=TU', weekOfMonth: '2', weekday: 'TH' })).toMatchObject({
      ok: true,
      value: { rule: 'FREQ=WEEKLY;BYDAY=TU' },
    });
  });

  it('takes "second Thursday of every month" typed as the rule, as the choice it names', () => {
    expect(checkSchedule({ ...valid, rule: 'second Thursday of every month' })).toMatchObject({
      ok: true,
      value: { rule: 'FREQ=MONTHLY;BYDAY=2TH' },
    });
  });

  it('takes a rule that counts from a start when the first date is given', () => {
    expect(
      checkSchedule({ ...valid, rule: 'rrule:freq=monthly;interval=2;byday=2th', firstDate: '2026-01-01' }),
    ).toMatchObject({
      ok: true,
      value: { rule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH', firstDate: '2026-01-01' },
    });
  });

  it('keeps only text from a submission (a number or an object is not taken as typed)', () => {
    expect(readScheduleValues({ rule: { __proto__: 'x' }, durationMinutes: 60, topic: ['a'] })).toMatchObject({
      rule: '',
      durationMinutes: '60',
      topic: '',
    });
  });
});

describe('scheduleValuesOf', () => {
  it('shows a rule the choices can give as the choices, with the Advanced field empty', () => {
    expect(scheduleValuesOf(SECOND_THURSDAY_AT_ONE)).toMatchObject({ weekOfMonth: '2', weekday: 'TH', rule: '' });
  });

  it('keeps any other rule, or one with a first date, in the Advanced field', () => {
    const everyOther = { ...SECOND_THURSDAY_AT_ONE, rule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH' };
    expect(scheduleValuesOf(everyOther)).toMatchObject({ weekOfMonth: '', weekday: '', rule: everyOther.rule });
    expect(scheduleValuesOf({ ...SECOND_THURSDAY_AT_ONE, firstDate: '2027-03-01' })).toMatchObject({
      weekOfMonth: '',
      rule: SECOND_THURSDAY_AT_ONE.rule,
      firstDate: '2027-03-01',
    });
  });
});

describe('checkOccurrenceChange', () => {
  const change = readOccurrenceValues({
    occurrenceId: '2026-12-10T13:00',
    occurrenceTopic: 'Opioids',
    occurrenceJoinUrl: '',
    cancelled: 'false',
  });

  it("accepts a new topic for one date, keeping the schedule's link", () => {
    expect(checkOccurrenceChange(change)).toEqual({
      ok: true,
      value: {
        occurrenceId: '2026-12-10T13:00',
        topic: 'Opioids',
        joinUrl: undefined,
        cancelled: false,
        recordingUrl: undefined,
      },
    });
  });

  it('accepts a cancellation', () => {
    expect(checkOccurrenceChange({ ...change, cancelled: 'true' })).toMatchObject({
      ok: true,
      value: { cancelled: true },
    });
  });

  it.each([
    ['occurrenceId', { occurrenceId: 'next week' }],
    ['occurrenceJoinUrl', { occurrenceJoinUrl: 'ftp://example.org' }],
    ['cancelled', { cancelled: 'maybe' }],
    ['recordingUrl', { recordingUrl: 'http://example.org/recording' }],
    ['recordingUrl', { recordingUrl: 'javascript:alert(1)' }],
  ])('puts the problem at %s', (field, bad) => {
    const checked = checkOccurrenceChange({ ...change, ...bad });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors)).toEqual([field]);
  });
});
