import { DateTime } from 'luxon';
import { periodicJob } from '../../platform/periodicJob.js';
import type { Logger } from '../../platform/logger.js';
import type { Storage } from '../../storage.js';
import type { Feature } from '../feature.js';

const RETENTION_LEASE = 'retention';
const HOUR_MS = 3_600_000;

/** Records removed, by kind (such as buddyRequests, deliveryRows). */
export type RemovedRecords = Record<string, number>;

/** Asks each feature to remove what is older than `cutoff` and no longer needed; the audit table stays. */
async function removeExpiredRecords(
  features: readonly Feature[],
  storage: Storage,
  cutoff: Date,
): Promise<RemovedRecords> {
  const removed: RemovedRecords = {};
  for (const feature of features) Object.assign(removed, await feature.retention?.(storage, cutoff));
  return removed;
}

export interface RetentionJobOptions {
  storage: Storage;
  /** Whose retention rules to run (app.ts's list). */
  features: readonly Feature[];
  months: number;
  instanceId: string;
  logger: Logger;
  everyMs?: number;
  now?: () => Date;
}

/** Runs the removal every few hours, on one instance at a time (a lease in Tables). */
export function createRetentionJob({
  storage,
  features,
  months,
  instanceId,
  logger,
  everyMs = 6 * HOUR_MS,
  now = () => new Date(),
}: RetentionJobOptions) {
  async function runOnce(): Promise<RemovedRecords | undefined> {
    const at = now();
    if (!(await storage.leases.acquire(RETENTION_LEASE, instanceId, new Date(at.getTime() + HOUR_MS), at)))
      return undefined;
    const cutoff = DateTime.fromJSDate(at).minus({ months }).toJSDate();
    const removed = await removeExpiredRecords(features, storage, cutoff);
    logger.info({ job: 'retention', outcome: 'done', months, ...removed }, 'old records removed');
    return removed;
  }

  // A first run a minute after start, so a freshly started instance does not wait hours.
  const timer = periodicJob({ job: 'retention', everyMs, firstAfterMs: 60_000, logger, run: runOnce });
  return { runOnce, start: timer.start, stop: timer.stop };
}
