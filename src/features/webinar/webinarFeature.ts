import type { Feature } from '../feature.js';
import { changeWebinarOccurrence } from './actions/changeWebinarOccurrence.js';
import { saveWebinarSchedule } from './actions/saveWebinarSchedule.js';
import { webinarIntents } from './intents.js';
import { eraseWebinarData } from './privacy.js';

/** The monthly webinar: its schedule and one-date changes, set by the lead; the calendar file. */
export const webinarFeature: Feature = {
  name: 'webinar',
  intents: webinarIntents,
  actions: [saveWebinarSchedule, changeWebinarOccurrence],
  erase: eraseWebinarData,
};
