import { describe, expect, it } from 'vitest';
import { describeRule, describeSchedule } from '../../../../src/features/webinar/describeSchedule.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

describe('the schedule in words', () => {
  it('names the week: the second Thursday of every month, 13:00 to 14:00 UK time', () => {
    expect(describeSchedule(SECOND_THURSDAY_AT_ONE)).toBe('the second Thursday of every month, 13:00 to 14:00 UK time');
    expect(describeSchedule({ ...SECOND_THURSDAY_AT_ONE, rule: 'FREQ=MONTHLY;BYDAY=2TH' })).toBe(
      'the second Thursday of every month, 13:00 to 14:00 UK time',
    );
  });

  it.each([
    ['FREQ=MONTHLY;BYDAY=-1FR', 'the last Friday of every month'],
    ['FREQ=MONTHLY;BYDAY=1MO', 'the first Monday of every month'],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH', 'the second Thursday of every other month'],
    ['FREQ=MONTHLY;INTERVAL=3;BYDAY=TH;BYSETPOS=1', 'the first Thursday of every 3 months'],
    ['FREQ=MONTHLY;BYDAY=5TH', 'the fifth Thursday of every month'],
    ['FREQ=MONTHLY;BYDAY=-1FR;COUNT=5', 'every month on the last Friday for 5 times'],
    ['FREQ=WEEKLY;BYDAY=TH', 'every week on Thursday'],
    ['FREQ=YEARLY;BYMONTH=3;BYDAY=SU;BYSETPOS=-1', 'every March on the last Sunday'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', 'every month on the 15th'],
    ['FREQ=MONTHLY;BYDAY=MO,TH;BYSETPOS=2', 'the dates of the rule FREQ=MONTHLY;BYDAY=MO,TH;BYSETPOS=2'],
  ])('says %s as "%s", never dropping the week', (rule, words) => {
    expect(describeRule(rule)).toBe(words);
  });

  it('says when a webinar runs past midnight, and from when a counting rule starts', () => {
    expect(
      describeSchedule({
        ...SECOND_THURSDAY_AT_ONE,
        rule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH',
        firstDate: '2026-01-08',
        startTime: '23:30',
        durationMinutes: 90,
      }),
    ).toBe('the second Thursday of every other month, starting 8 January 2026, 23:30 to 01:00 the next day UK time');
  });
});
