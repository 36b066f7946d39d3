import { DateTime } from 'luxon';
import { errorSummary } from '../../platform/errorSummary.js';
import { withCorrelationId } from '../../platform/logContext.js';
import type { Logger } from '../../platform/logger.js';
import type { Storage } from '../../storage.js';

const RETENTION_LEASE = 'retention';
const HOUR_MS = 3_600_000;

export interface RemovedRecords {
  buddyRequests: number;
  deliveryRows: number;
}

/**
 * Removes what the bot no longer needs: declined and withdrawn buddy requests, and the outbox
 * rows of reminders, once older than `cutoff`. Broadcast counts and the audit table stay.
 */
export async function removeExpiredRecords(
  storage: Pick<Storage, 'buddyRequests' | 'broadcasts'>,
  cutoff: Date,
): Promise<RemovedRecords> {
  let buddyRequests = 0;
  for (const status of ['declined', 'withdrawn'] as const) {
    for (const stored of await storage.buddyRequests.list({ status })) {
      if (Date.parse(stored.request.updatedAt) >= cutoff.getTime()) continue;
      await storage.buddyRequests.remove(stored.request.id);
      buddyRequests += 1;
    }
  }
  const deliveryRows = await storage.broadcasts.removeDeliveriesBefore(cutoff);
  return { buddyRequests, deliveryRows };
}

export interface RetentionJobOptions {
  storage: Pick<Storage, 'buddyRequests' | 'broadcasts' | 'leases'>;
  months: number;
  instanceId: string;
  logger: Logger;
  everyMs?: number;
  now?: () => Date;
}

/** Runs the removal every few hours, on one instance at a time (a lease in Tables). */
export function createRetentionJob({
  storage,
  months,
  instanceId,
  logger,
  everyMs = 6 * HOUR_MS,
  now = () => new Date(),
}: RetentionJobOptions) {
  let timer: NodeJS.Timeout | undefined;
  let firstRun: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function runOnce(): Promise<RemovedRecords | undefined> {
    const at = now();
    if (!(await storage.leases.acquire(RETENTION_LEASE, instanceId, new Date(at.getTime() + HOUR_MS), at)))
      return undefined;
    const cutoff = DateTime.fromJSDate(at).minus({ months }).toJSDate();
    const removed = await removeExpiredRecords(storage, cutoff);
    logger.info({ job: 'retention', outcome: 'done', months, ...removed }, 'old records removed');
    return removed;
  }

  const scheduled = () => {
    running ??= withCorrelationId(runOnce)
      .then(() => undefined)
      .catch((error: unknown) =>
        logger.error({ job: 'retention', outcome: 'failed', error: errorSummary(error) }, 'retention run failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };

  return {
    runOnce,
    start() {
      timer = setInterval(scheduled, everyMs);
      timer.unref();
      // A first run a minute after start, so a freshly started instance does not wait hours.
      firstRun = setTimeout(scheduled, 60_000);
      firstRun.unref();
    },
    async stop() {
      clearInterval(timer);
      clearTimeout(firstRun);
      await running;
    },
  };
}
