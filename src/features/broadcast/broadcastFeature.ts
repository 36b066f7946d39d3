import type { Feature } from '../feature.js';
import { broadcastData, eraseBroadcastData, removeOldDeliveries } from './privacy.js';

/**
 * The broadcast machinery every kind of broadcast shares (reminders, announcements, corrections):
 * the outbox, the dispatcher within Teams' limits, the runner under a lease, read receipts. Its
 * part in privacy is the outbox and the read receipts.
 */
export const broadcastFeature: Feature = {
  name: 'broadcast',
  myData: broadcastData,
  erase: eraseBroadcastData,
  retention: removeOldDeliveries,
};
