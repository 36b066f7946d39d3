import { describe, expect, it } from 'vitest';
import { checkWebinarRule, nextOccurrences, type WebinarSchedule } from '../../../../src/features/webinar/index.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

const secondThursday: WebinarSchedule = SECOND_THURSDAY_AT_ONE;

const schedule = (changes: Partial<WebinarSchedule>): WebinarSchedule => ({ ...secondThursday, ...changes });
const startsFrom = (rule: WebinarSchedule, from: string, count = 1) =>
  nextOccurrences(rule, new Date(from), count).map((occurrence) => occurrence.start.toISOString());

describe('nextOccurrences', () => {
  // 2026: British Summer Time from 29 March to 25 October. 13:00 London is 13:00Z in GMT, 12:00Z in BST.
  it.each([
    ['a winter second Thursday at 13:00 GMT', secondThursday, '2026-03-01T00:00:00Z', ['2026-03-12T13:00:00.000Z']],
    [
      'the first one after the March change, at 13:00 BST',
      secondThursday,
      '2026-03-13T00:00:00Z',
      ['2026-04-09T12:00:00.000Z'],
    ],
    [
      'the last one before the October change, at 13:00 BST',
      secondThursday,
      '2026-10-01T00:00:00Z',
      ['2026-10-08T12:00:00.000Z'],
    ],
    [
      'the first one after the October change, at 13:00 GMT',
      secondThursday,
      '2026-10-09T00:00:00Z',
      ['2026-11-12T13:00:00.000Z'],
    ],
    [
      'weekly Thursdays either side of the March change',
      schedule({ rule: 'FREQ=WEEKLY;BYDAY=TH' }),
      '2026-03-20T00:00:00Z',
      ['2026-03-26T13:00:00.000Z', '2026-04-02T12:00:00.000Z'],
    ],
    [
      'weekly Thursdays either side of the October change',
      schedule({ rule: 'FREQ=WEEKLY;BYDAY=TH' }),
      '2026-10-16T00:00:00Z',
      ['2026-10-22T12:00:00.000Z', '2026-10-29T13:00:00.000Z'],
    ],
    [
      'a morning on the Sunday the clocks go forward',
      schedule({ rule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', startTime: '10:00' }),
      '2026-01-01T00:00:00Z',
      ['2026-03-29T09:00:00.000Z'],
    ],
    [
      'a morning on the Sunday the clocks go back',
      schedule({ rule: 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', startTime: '10:00' }),
      '2026-01-01T00:00:00Z',
      ['2026-10-25T10:00:00.000Z'],
    ],
    [
      'the second Thursday written as 2TH',
      schedule({ rule: 'FREQ=MONTHLY;BYDAY=2TH' }),
      '2026-12-01T00:00:00Z',
      ['2026-12-10T13:00:00.000Z'],
    ],
    [
      'the last Friday of the month (BYSETPOS=-1)',
      schedule({ rule: 'FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1' }),
      '2026-10-01T00:00:00Z',
      ['2026-10-30T13:00:00.000Z', '2026-11-27T13:00:00.000Z'],
    ],
    [
      'the first Tuesday or Wednesday, whichever comes first (BYSETPOS=1)',
      schedule({ rule: 'FREQ=MONTHLY;BYDAY=TU,WE;BYSETPOS=1', startTime: '09:30' }),
      '2026-07-01T00:00:00Z',
      ['2026-07-01T08:30:00.000Z', '2026-08-04T08:30:00.000Z'],
    ],
    [
      'every other month from a first date (INTERVAL=2)',
      schedule({ rule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH', firstDate: '2026-01-01' }),
      '2026-02-01T00:00:00Z',
      ['2026-03-12T13:00:00.000Z', '2026-05-14T12:00:00.000Z'],
    ],
    [
      'a series of three that has one left (COUNT)',
      schedule({ rule: 'FREQ=MONTHLY;BYDAY=2TH;COUNT=3', firstDate: '2026-01-01' }),
      '2026-02-20T00:00:00Z',
      ['2026-03-12T13:00:00.000Z'],
    ],
    [
      'nothing after UNTIL in the past',
      schedule({ rule: 'FREQ=MONTHLY;BYDAY=2TH;UNTIL=20250101T000000Z' }),
      '2026-01-01T00:00:00Z',
      [],
    ],
    [
      'the last one before UNTIL, and nothing after it',
      schedule({ rule: 'FREQ=MONTHLY;BYDAY=2TH;UNTIL=20261231T235959Z' }),
      '2026-11-20T00:00:00Z',
      ['2026-12-10T13:00:00.000Z'],
    ],
  ])('finds %s', (_case, rule, from, expected) => {
    const found = startsFrom(rule, from, 5);
    // A series that ends (UNTIL, COUNT) gives no more than it has; an endless one gives all five asked for.
    expect(/UNTIL|COUNT/.test(rule.rule) ? found : found.slice(0, expected.length)).toEqual(expected);
    if (!/UNTIL|COUNT/.test(rule.rule)) expect(found).toHaveLength(5);
  });

  it.each([
    ['just before it starts', '2026-12-10T12:59:00Z', '2026-12-10T13:00:00.000Z'],
    ['while it is on', '2026-12-10T13:59:59Z', '2026-12-10T13:00:00.000Z'],
    ['the moment it ends', '2026-12-10T14:00:00Z', '2027-01-14T13:00:00.000Z'],
  ])('counts a webinar as next %s', (_when, from, expected) => {
    expect(startsFrom(secondThursday, from)).toEqual([expected]);
  });

  it('ends each occurrence after the configured duration, so a longer one stays next for longer', () => {
    const ninety = schedule({ durationMinutes: 90 });
    const [occurrence] = nextOccurrences(ninety, new Date('2026-12-10T14:20:00Z'), 1);

    expect(occurrence?.start.toISOString()).toBe('2026-12-10T13:00:00.000Z');
    expect(occurrence?.end.toISOString()).toBe('2026-12-10T14:30:00.000Z');
  });

  it('gives the next few in order, each with a stable id, topic and joining link', () => {
    const withDetails = schedule({
      topic: 'Insulin safety',
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
    });
    const occurrences = nextOccurrences(withDetails, new Date('2026-12-01T00:00:00Z'), 3);

    expect(occurrences.map((occurrence) => occurrence.id)).toEqual([
      '2026-12-10T13:00',
      '2027-01-14T13:00',
      '2027-02-11T13:00',
    ]);
    expect(
      occurrences.every(
        (occurrence) => occurrence.topic === 'Insulin safety' && occurrence.joinUrl === withDetails.joinUrl,
      ),
    ).toBe(true);
    expect(nextOccurrences(withDetails, new Date('2026-12-10T13:30:00Z'), 1)[0]?.id).toBe('2026-12-10T13:00');
  });

  it('keeps the id of a summer occurrence in London time', () => {
    expect(nextOccurrences(secondThursday, new Date('2026-07-01T00:00:00Z'), 1)[0]?.id).toBe('2026-07-09T13:00');
  });
});

describe('checkWebinarRule', () => {
  it.each([
    ['FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2', undefined],
    ['RRULE:FREQ=MONTHLY;BYDAY=-1FR', undefined],
    ['freq=monthly;byday=2th', undefined],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', undefined],
    ['FREQ=MONTHLY;BYDAY=2TH;UNTIL=20250101T000000Z', undefined],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH', '2026-01-01'],
    ['FREQ=WEEKLY', '2026-01-08'],
  ])('accepts %s', (rule, firstDate) => {
    expect(checkWebinarRule(rule, firstDate)).toEqual({ ok: true });
  });

  it.each([
    ['second Thursday', /is not an RRULE/],
    ['FREQ=MONTHLY;FOO=1', /is not a valid RRULE/],
    ['FREQ=SOMETIMES', /needs FREQ=YEARLY, MONTHLY, WEEKLY or DAILY/],
    ['FREQ=HOURLY', /needs FREQ=YEARLY, MONTHLY, WEEKLY or DAILY/],
    ['FREQ=MONTHLY;BYDAY=XX', /BYDAY value that is not a weekday/],
    ['FREQ=MONTHLY;BYDAY=2TH;BYHOUR=13', /the time comes from WEBINAR_START/],
    ['FREQ=MONTHLY;INTERVAL=0;BYDAY=2TH', /INTERVAL of 1 or more/],
    ['FREQ=MONTHLY;BYDAY=TH;BYSETPOS=9', /never happens/],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', /never happens/],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH', /give one in WEBINAR_START/],
    ['FREQ=WEEKLY', /give one in WEBINAR_START/],
  ])('refuses %s, saying why', (rule, problem) => {
    const check = checkWebinarRule(rule, undefined);

    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.problem).toMatch(problem);
  });
});
