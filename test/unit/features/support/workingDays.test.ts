import { describe, expect, it } from 'vitest';
import { isWorkingDay, workingDaysSince } from '../../../../src/features/support/workingDays.js';

describe('working days', () => {
  it('counts the working days begun since a question was asked, skipping the weekend', () => {
    const monday = new Date('2026-12-07T15:00:00Z');
    expect(workingDaysSince(monday, new Date('2026-12-07T17:00:00Z'))).toBe(0);
    expect(workingDaysSince(monday, new Date('2026-12-08T08:00:00Z'))).toBe(1);
    expect(workingDaysSince(monday, new Date('2026-12-11T08:00:00Z'))).toBe(4);
    expect(workingDaysSince(new Date('2026-12-11T16:00:00Z'), new Date('2026-12-14T08:00:00Z'))).toBe(1);
  });

  it('reads days in UK time, so a question at 23:30 in June is asked on that day', () => {
    const lateFriday = new Date('2026-06-05T22:30:00Z'); // 23:30 on Friday in London (BST)
    expect(workingDaysSince(lateFriday, new Date('2026-06-08T07:00:00Z'))).toBe(1);
  });

  it('knows Saturday and Sunday are not working days', () => {
    expect(isWorkingDay(new Date('2026-12-05T12:00:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2026-12-06T12:00:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2026-12-07T12:00:00Z'))).toBe(true);
  });
});
