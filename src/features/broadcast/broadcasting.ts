import type { Logger } from '../../platform/logger.js';
import { errorSummary } from '../../platform/errorSummary.js';
import type { LeaseStore } from '../../platform/storage/leases.js';
import type { BroadcastStore } from './broadcast.js';
import { withKind, type BroadcastKinds } from './broadcastKind.js';
import { createBroadcastRunner, type BroadcastRunner } from './broadcastRunner.js';
import { Dispatcher } from './dispatcher.js';

export interface BroadcastingOptions {
  store: BroadcastStore;
  leases: LeaseStore;
  kinds: BroadcastKinds;
  /** A conversation the bot was removed from: no broadcast goes there again until it is installed again. */
  markUnreachable(conversationId: string): Promise<void>;
  /** BROADCAST_RPS. */
  ratePerSecond: number;
  instanceId: string;
  tickMs: number;
  /** Broadcasts that fall due by themselves (the webinar reminders). */
  plan?: () => Promise<string[]>;
  logger: Logger;
  now?: () => Date;
}

const LEASE = 'reminders';

/**
 * The one broadcast machinery: every kind (reminders, announcements, corrections) goes through
 * one outbox, one lease, one dispatcher within Teams' limits, and one timer.
 */
export function createBroadcasting(options: BroadcastingOptions): BroadcastRunner {
  const { kinds, logger } = options;
  const dispatcher = new Dispatcher({
    store: options.store,
    send: (target, broadcast) => withKind(kinds, broadcast, (kind, typed) => kind.send(target, typed)),
    expired: (broadcast, now) => withKind(kinds, broadcast, (kind, typed) => kind.expired?.(typed, now)),
    markUnreachable: async (conversationId, broadcast) => {
      if (withKind(kinds, broadcast, (kind) => kind.refusalMeansRemoved)) await options.markUnreachable(conversationId);
    },
    ratePerSecond: options.ratePerSecond,
    onSlowedDown: (rate, times) =>
      logger.info(
        { outcome: 'slowed_down', rate: Math.round(rate * 10) / 10, times },
        'broadcast heard the tenant limit',
      ),
    onError: (error, delivery) =>
      logger.warn(
        { broadcastId: delivery.broadcastId, outcome: 'row_left_claimed', error: errorSummary(error) },
        'broadcast row not settled',
      ),
  });
  return createBroadcastRunner({
    store: options.store,
    leases: options.leases,
    dispatcher,
    // The lease keeps the name it had when reminders were the only broadcasts, so instances of
    // both versions never send at once during a deployment.
    name: { lease: LEASE, log: 'broadcast' },
    instanceId: options.instanceId,
    kinds,
    ...(options.plan ? { plan: options.plan } : {}),
    logger,
    tickMs: options.tickMs,
    ...(options.now ? { now: options.now } : {}),
  });
}
