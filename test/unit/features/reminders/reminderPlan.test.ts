import { describe, expect, it } from 'vitest';
import {
  describeOffset,
  dueReminders,
  parseReminderOffsets,
  scheduledBroadcastId,
} from '../../../../src/features/reminders/reminderPlan.js';
import { nextOccurrences, withChanges } from '../../../../src/features/webinar/schedule.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

const WEEK = 7 * 24 * 60;
const HOUR = 60;
const offsets = [WEEK, HOUR];
// The second Thursday of December 2026: 13:00 GMT is 13:00Z.
const december = nextOccurrences(SECOND_THURSDAY_AT_ONE, new Date('2026-12-01T00:00:00Z'), 1);
const dueAt = (iso: string, occurrences = december) =>
  dueReminders(occurrences, offsets, new Date(iso)).map((due) => due.offsetMinutes);

describe('parseReminderOffsets', () => {
  it('reads days, hours and minutes, longest first, without repeats', () => {
    expect(parseReminderOffsets('1h, 7d,30m,1h')).toEqual({ ok: true, offsets: [WEEK, HOUR, 30] });
  });

  it.each(['soon', '7 days', '0m', '29d', '7d;1h', ''])('refuses %j with a reason', (text) => {
    expect(parseReminderOffsets(text)).toMatchObject({ ok: false, problem: expect.any(String) as string });
  });
});

describe('describeOffset', () => {
  it.each([
    [WEEK, '7 days'],
    [24 * 60, '1 day'],
    [HOUR, '1 hour'],
    [90, '90 minutes'],
  ])('says %i minutes as %j', (minutes, words) => {
    expect(describeOffset(minutes)).toBe(words);
  });
});

describe('dueReminders', () => {
  it('has nothing due more than a week before the webinar', () => {
    expect(dueAt('2026-12-03T12:59:00Z')).toEqual([]);
  });

  it('makes the week-before reminder due exactly a week before', () => {
    expect(dueAt('2026-12-03T13:00:00Z')).toEqual([WEEK]);
  });

  it('makes the hour-before reminder due an hour before, in place of the week-before one', () => {
    expect(dueAt('2026-12-10T12:00:00Z')).toEqual([HOUR]);
  });

  it('still sends a reminder found late (the service was down) while the webinar has not started', () => {
    expect(dueAt('2026-12-10T12:59:59Z')).toEqual([HOUR]);
  });

  it('skips every reminder once the webinar has started', () => {
    expect(dueAt('2026-12-10T13:00:00Z')).toEqual([]);
  });

  it('sends no reminder for a cancelled webinar', () => {
    const cancelled = withChanges(
      december,
      new Map([
        [
          '2026-12-10T13:00',
          { occurrenceId: '2026-12-10T13:00', topic: undefined, joinUrl: undefined, cancelled: true },
        ],
      ]),
    );
    expect(dueAt('2026-12-10T12:30:00Z', cancelled)).toEqual([]);
  });

  it('times the hour-before reminder from the real start in summer time (13:00 BST is 12:00Z)', () => {
    const june = nextOccurrences(SECOND_THURSDAY_AT_ONE, new Date('2026-06-01T00:00:00Z'), 1);
    expect(dueAt('2026-06-11T10:59:00Z', june)).toEqual([WEEK]);
    expect(dueAt('2026-06-11T11:00:00Z', june)).toEqual([HOUR]);
  });

  it('names each broadcast by the webinar and the offset, so planning it twice makes one', () => {
    const [due] = dueReminders(december, offsets, new Date('2026-12-10T12:30:00Z'));
    expect(due?.broadcastId).toBe(scheduledBroadcastId('2026-12-10T13:00', HOUR));
    expect(due?.broadcastId).toBe('r202612101300-60m');
  });
});
