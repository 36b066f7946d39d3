import type { Feature } from '../feature.js';
import { confirmReminderNow } from './actions/confirmReminderNow.js';
import { reminderIntents } from './intents.js';
import { eraseReminderData } from './privacy.js';

/** Webinar reminders on the broadcast machinery: subscriptions, planning, sending now, reports. */
export const remindersFeature: Feature = {
  name: 'reminders',
  intents: reminderIntents,
  actions: [confirmReminderNow],
  erase: eraseReminderData,
};
