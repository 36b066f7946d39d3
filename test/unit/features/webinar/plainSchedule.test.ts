import { describe, expect, it } from 'vitest';
import {
  choiceOfRule,
  choiceOfWords,
  ruleOfChoice,
  WEEKDAYS,
  WEEKS_OF_MONTH,
} from '../../../../src/features/webinar/plainSchedule.js';
import { nextOccurrences } from '../../../../src/features/webinar/schedule.js';
import { checkSchedule, readScheduleValues } from '../../../../src/features/webinar/settingsForm.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

const FROM = new Date('2026-01-01T00:00:00Z');
const datesOf = (rule: string) =>
  nextOccurrences({ ...SECOND_THURSDAY_AT_ONE, rule }, FROM, 36).map((occurrence) => occurrence.id);

describe('the plain schedule choices', () => {
  const everyChoice = WEEKS_OF_MONTH.flatMap((week) =>
    WEEKDAYS.map((day) => ({ week: week.value, weekday: day.value })),
  );

  it.each(everyChoice)('give the same dates as the equivalent rule ($week $weekday)', (choice) => {
    const equivalent = `FREQ=MONTHLY;BYDAY=${choice.weekday};BYSETPOS=${choice.week}`;

    expect(datesOf(ruleOfChoice(choice))).toEqual(datesOf(equivalent));
    expect(choiceOfRule(equivalent)).toEqual(choice);
  });

  it('saved from the card give the dates of the rule a lead would have typed', () => {
    const checked = checkSchedule(
      readScheduleValues({ weekOfMonth: '2', weekday: 'TH', startTime: '13:00', durationMinutes: '60' }),
    );

    expect(checked).toMatchObject({ ok: true, value: { rule: 'FREQ=MONTHLY;BYDAY=2TH', firstDate: undefined } });
    if (checked.ok) expect(datesOf(checked.value.rule)).toEqual(datesOf('FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2'));
  });

  it.each([
    ['FREQ=MONTHLY;BYDAY=2TH', { week: '2', weekday: 'TH' }],
    ['RRULE:FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2', { week: '2', weekday: 'TH' }],
    ['freq=monthly;byday=-1fr;interval=1', { week: '-1', weekday: 'FR' }],
    ['FREQ=MONTHLY;BYDAY=+1MO;WKST=MO', { week: '1', weekday: 'MO' }],
  ])('read %s back as choices', (rule, choice) => {
    expect(choiceOfRule(rule)).toEqual(choice);
  });

  it.each([
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH',
    'FREQ=MONTHLY;BYDAY=5TH',
    'FREQ=MONTHLY;BYDAY=-2FR',
    'FREQ=WEEKLY;BYDAY=TH',
    'FREQ=MONTHLY;BYDAY=MO,TH;BYSETPOS=2',
    'FREQ=MONTHLY;BYDAY=2TH;COUNT=3',
    'FREQ=MONTHLY;BYDAY=2TH;BYSETPOS=1',
    'FREQ=MONTHLY;BYMONTHDAY=15',
    'FREQ=MONTHLY;BYDAY=2TH;BYDAY=3TH',
  ])('leave %s to the Advanced field', (rule) => {
    expect(choiceOfRule(rule)).toBeUndefined();
  });

  it.each([
    ['second Thursday of every month', { week: '2', weekday: 'TH' }],
    ['The last Friday of the month.', { week: '-1', weekday: 'FR' }],
    ['2nd thursday', { week: '2', weekday: 'TH' }],
    ['first Monday in each month', { week: '1', weekday: 'MO' }],
    ['  fourth   Wednesdays ', { week: '4', weekday: 'WE' }],
  ])('take "%s" typed as a rule as the choice it names', (words, choice) => {
    expect(choiceOfWords(words)).toEqual(choice);
  });

  it.each(['every second Thursday', 'second Thursday of every other month', 'fifth Friday', 'Thursday'])(
    'do not guess at "%s"',
    (words) => {
      expect(choiceOfWords(words)).toBeUndefined();
    },
  );
});
