import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  formatWebinarTime,
  nextOccurrences,
  webinarCalendar,
  webinarUid,
  type WebinarSchedule,
} from '../../../../src/features/webinar/index.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

const schedule: WebinarSchedule = SECOND_THURSDAY_AT_ONE;

function events(ics: string): ICAL.Event[] {
  return new ICAL.Component(ICAL.parse(ics) as unknown[])
    .getAllSubcomponents('vevent')
    .map((vevent) => new ICAL.Event(vevent));
}

describe('webinarCalendar', () => {
  it('writes one event per occurrence at the right instant, summer and winter alike', () => {
    const occurrences = nextOccurrences(schedule, new Date('2026-09-01T00:00:00Z'), 3);
    const parsed = events(webinarCalendar(occurrences));

    expect(parsed.map((event) => event.startDate.toJSDate().toISOString())).toEqual([
      '2026-09-10T12:00:00.000Z',
      '2026-10-08T12:00:00.000Z',
      '2026-11-12T13:00:00.000Z',
    ]);
    expect(parsed.map((event) => event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime())).toEqual([
      3_600_000, 3_600_000, 3_600_000,
    ]);
    expect(parsed.map((event) => event.summary)).toEqual(['MSO webinar', 'MSO webinar', 'MSO webinar']);
  });

  it('names the topic and gives the joining link when there is one', () => {
    const [occurrence] = nextOccurrences(
      { ...schedule, topic: 'Insulin safety', joinUrl: 'https://teams.microsoft.com/l/meetup-join/example' },
      new Date('2026-12-01T00:00:00Z'),
      1,
    );
    const [event] = events(webinarCalendar(occurrence ? [occurrence] : []));

    expect(event?.summary).toBe('MSO webinar: Insulin safety');
    expect(event?.description).toContain('Join: https://teams.microsoft.com/l/meetup-join/example');
    expect(event?.component.getFirstPropertyValue('url')).toBe('https://teams.microsoft.com/l/meetup-join/example');
  });

  it('says where the joining link comes from when there is none', () => {
    const occurrences = nextOccurrences(schedule, new Date('2026-12-01T00:00:00Z'), 1);

    expect(events(webinarCalendar(occurrences))[0]?.description).toBe(
      'The joining link comes with the invitation from the national MSO network lead.',
    );
  });

  it('keeps the same UID for an occurrence however often the file is made', () => {
    const first = nextOccurrences(schedule, new Date('2026-12-01T00:00:00Z'), 1);
    const again = nextOccurrences(schedule, new Date('2026-12-10T13:30:00Z'), 1);

    expect(events(webinarCalendar(first))[0]?.uid).toBe('mso-webinar-20261210T1300@mso-network-bot');
    expect(events(webinarCalendar(again, { now: new Date('2026-12-10T13:30:00Z') }))[0]?.uid).toBe(
      webinarUid({ id: '2026-12-10T13:00' }),
    );
  });
});

describe('formatWebinarTime', () => {
  it.each([
    [
      'a winter webinar',
      '2026-12-10T13:00:00Z',
      '2026-12-10T14:00:00Z',
      'Thursday 10 December 2026, 13:00 to 14:00 (UK time)',
    ],
    [
      'a summer webinar, in BST',
      '2026-07-09T12:00:00Z',
      '2026-07-09T13:30:00Z',
      'Thursday 9 July 2026, 13:00 to 14:30 (UK time)',
    ],
    [
      'one running past midnight',
      '2026-12-10T23:00:00Z',
      '2026-12-11T01:00:00Z',
      'Thursday 10 December 2026, 23:00 to Friday 11 December 2026, 01:00 (UK time)',
    ],
  ])('writes %s in UK time', (_case, start, end, expected) => {
    expect(formatWebinarTime({ start: new Date(start), end: new Date(end) })).toBe(expected);
  });
});
