import type { Feature } from '../feature.js';
import { eraseBroadcastData, removeOldDeliveries } from './privacy.js';

/**
 * The broadcast machinery every kind of broadcast shares (webinar reminders today): the outbox,
 * the dispatcher within Teams' limits, the runner under a lease. Its part in privacy is the outbox.
 */
export const broadcastFeature: Feature = {
  name: 'broadcast',
  erase: eraseBroadcastData,
  retention: removeOldDeliveries,
};
