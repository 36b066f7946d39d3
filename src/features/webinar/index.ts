export { webinarCalendar, webinarUid, NO_JOIN_LINK_YET, WEBINAR_SUMMARY } from './calendar.js';
export { formatWebinarTime } from './formatWebinarTime.js';
export {
  checkWebinarRule,
  EXAMPLE_WEBINAR_RULE,
  nextOccurrences,
  WEBINAR_TIME_ZONE,
  type WebinarOccurrence,
  type WebinarSchedule,
} from './schedule.js';
export { createWebinars, type NextOccurrence, type Webinars, type WebinarsOptions } from './webinars.js';
