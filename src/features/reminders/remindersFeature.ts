import type { Feature } from '../feature.js';
import { confirmReminderNow } from './actions/confirmReminderNow.js';
import { reminderIntents } from './intents.js';
import { eraseReminderData, removeOldDeliveries } from './privacy.js';

/** Webinar reminders through the broadcast outbox: subscriptions, sending now, reports. */
export const remindersFeature: Feature = {
  name: 'reminders',
  intents: reminderIntents,
  actions: [confirmReminderNow],
  erase: eraseReminderData,
  retention: removeOldDeliveries,
};
