import type { Feature } from '../feature.js';
import { changeWebinarOccurrence } from './actions/changeWebinarOccurrence.js';
import { saveWebinarSchedule } from './actions/saveWebinarSchedule.js';
import { showWebinarOccurrence } from './actions/showWebinarOccurrence.js';
import { webinarIntents } from './intents.js';
import { eraseWebinarData } from './privacy.js';

/** The monthly webinar: its schedule, one-date changes and recordings, set by the lead; the calendar file. */
export const webinarFeature: Feature = {
  name: 'webinar',
  intents: webinarIntents,
  actions: [saveWebinarSchedule, showWebinarOccurrence, changeWebinarOccurrence],
  erase: eraseWebinarData,
};
