import type { Broadcast, BroadcastTarget } from '../../src/features/broadcast/broadcast.js';
import type { BroadcastKind } from '../../src/features/broadcast/broadcastKind.js';
import { createBroadcastRunner } from '../../src/features/broadcast/broadcastRunner.js';
import { Dispatcher, type SendOutcome } from '../../src/features/broadcast/dispatcher.js';
import { planReminders, reminderKind } from '../../src/features/reminders/reminderJob.js';
import { reminderTargets } from '../../src/features/reminders/reminderTargets.js';
import type { Webinars } from '../../src/features/webinar/webinars.js';
import type { Logger } from '../../src/platform/logger.js';
import type { Storage } from '../../src/storage.js';

/** A kind these tests never make: using it is a failure of the test. */
function notInThisTest<B extends Broadcast>(): BroadcastKind<B> {
  const fail = () => {
    throw new Error('only reminders are made in this test');
  };
  return { audience: fail, send: fail, refusalMeansRemoved: true, onFinished: fail };
}

/** The broadcast machinery with webinar reminders only, sending through `send` (a connector stand-in). */
export function reminderRunner(
  storage: Storage,
  options: {
    webinars: Webinars;
    send(target: BroadcastTarget): Promise<SendOutcome>;
    onFinished(broadcast: Broadcast): Promise<void>;
    offsets: number[];
    instanceId: string;
    logger: Logger;
    tickMs?: number;
  },
) {
  const kind = reminderKind({
    webinars: options.webinars,
    subscribers: () => reminderTargets(storage.subscriptions, storage.conversations),
    send: (target) => options.send(target),
    onFinished: (broadcast) => options.onFinished(broadcast),
  });
  return createBroadcastRunner({
    store: storage.broadcasts,
    leases: storage.leases,
    dispatcher: new Dispatcher({
      store: storage.broadcasts,
      send: (target) => options.send(target),
      expired: (broadcast, now) => (broadcast.kind === 'reminder' ? kind.expired?.(broadcast, now) : undefined),
      markUnreachable: () => Promise.resolve(),
      ratePerSecond: 50,
    }),
    name: { lease: 'reminders', log: 'broadcast' },
    instanceId: options.instanceId,
    kinds: { reminder: kind, announcement: notInThisTest(), correction: notInThisTest() },
    plan: planReminders({ webinars: options.webinars, store: storage.broadcasts, offsets: options.offsets }),
    logger: options.logger,
    ...(options.tickMs ? { tickMs: options.tickMs } : {}),
  });
}
