import type { WebinarSchedule } from '../../src/features/webinar/index.js';

/** An example schedule for tests: the second Thursday of each month, 13:00 to 14:00 UK time. */
export const SECOND_THURSDAY_AT_ONE: WebinarSchedule = {
  rule: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
  firstDate: undefined,
  startTime: '13:00',
  durationMinutes: 60,
  topic: undefined,
  joinUrl: undefined,
};
