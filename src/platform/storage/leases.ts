import type { TableClient } from '@azure/data-tables';
import { isConflict, isNotFound, isPreconditionFailed } from './tableErrors.js';

interface LeaseEntity {
  partitionKey: string;
  rowKey: string;
  holder: string;
  until: string;
}

const PARTITION = 'lease';

/** One instance at a time: scheduled work (the reminder planner and dispatcher, retention) runs under a lease. */
export interface LeaseStore {
  /** Takes or renews the lease for `holder` until `until`; false while someone else holds it. */
  acquire(name: string, holder: string, until: Date, now: Date): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

/**
 * Table `Leases`: one row per piece of scheduled work. Taking it is a create (nobody held it) or
 * an update over the ETag read (it had expired, or we hold it): two instances cannot both win.
 */
export class Leases implements LeaseStore {
  constructor(private readonly table: TableClient) {}

  async acquire(name: string, holder: string, until: Date, now: Date): Promise<boolean> {
    const entity: LeaseEntity = { partitionKey: PARTITION, rowKey: name, holder, until: until.toISOString() };
    let current: (LeaseEntity & { etag: string }) | undefined;
    try {
      current = await this.table.getEntity<LeaseEntity>(PARTITION, name);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    try {
      if (!current) {
        await this.table.createEntity(entity);
        return true;
      }
      if (current.holder !== holder && Date.parse(current.until) > now.getTime()) return false;
      await this.table.updateEntity(entity, 'Replace', { etag: current.etag });
      return true;
    } catch (error) {
      if (isConflict(error) || isPreconditionFailed(error)) return false;
      throw error;
    }
  }

  async release(name: string, holder: string): Promise<void> {
    try {
      const current = await this.table.getEntity<LeaseEntity>(PARTITION, name);
      if (current.holder !== holder) return;
      await this.table.updateEntity(
        { partitionKey: PARTITION, rowKey: name, holder: '', until: new Date(0).toISOString() },
        'Replace',
        { etag: current.etag },
      );
    } catch (error) {
      if (!(isNotFound(error) || isPreconditionFailed(error))) throw error;
    }
  }
}

/** The lease while work runs under it: `held` turns false once a renewal fails or someone else took it. */
export interface HeldLease {
  readonly held: boolean;
}

/**
 * Runs `work` under the lease `name`, renewing it every third of `leaseMs` and releasing it after;
 * undefined (and no work) when another holder has it.
 */
export async function underLease<T>(
  leases: LeaseStore,
  { name, holder, leaseMs, now }: { name: string; holder: string; leaseMs: number; now: () => Date },
  work: (lease: HeldLease) => Promise<T>,
): Promise<T | undefined> {
  const until = () => new Date(now().getTime() + leaseMs);
  if (!(await leases.acquire(name, holder, until(), now()))) return undefined;
  const lease = { held: true };
  const renew = setInterval(() => {
    leases.acquire(name, holder, until(), now()).then(
      (kept) => {
        lease.held &&= kept;
      },
      () => {
        lease.held = false;
      },
    );
  }, leaseMs / 3);
  try {
    return await work(lease);
  } finally {
    clearInterval(renew);
    if (lease.held) await leases.release(name, holder).catch(() => undefined);
  }
}
