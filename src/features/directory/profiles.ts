import { odata, type TableClient } from '@azure/data-tables';
import type { RegionCode } from './referenceData.js';
import { isConflict, isNotFound, isPreconditionFailed, succeeds } from '../../platform/storage/tableErrors.js';
import { toTableKey } from '../../platform/storage/tableKeys.js';

/** What the bot remembers about a person so that "my network" and "my lead" need no repeating. */
export interface Profile {
  /** Entra object id (Teams), or the channel account id where there is none. */
  userId: string;
  region: RegionCode;
  /** ODS code of the trust or ICB, when the person named one (a region alone is enough). */
  organisationCode: string | undefined;
  updatedAt: string;
}

export interface StoredProfile extends Profile {
  etag: string;
}

interface ProfileEntity {
  partitionKey: string;
  rowKey: string;
  userId: string;
  region: string;
  organisationCode?: string;
  updatedAt: string;
}

const ROW = 'profile';

export interface ProfilesOptions {
  /**
   * How long this instance trusts a profile it read or wrote without asking storage again.
   * Profiles change rarely and only by their owner, so a read cache takes a storage round trip
   * off most "my lead" questions; another instance's change shows here within this time.
   */
  cacheMs?: number;
  now?: () => number;
}

const CACHE_LIMIT = 20_000;

/** Table `Profiles`: one row per person who told the bot where they work. */
export class Profiles {
  private readonly cache = new Map<string, { profile: StoredProfile | undefined; until: number }>();
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly table: TableClient,
    { cacheMs = 60_000, now = Date.now }: ProfilesOptions = {},
  ) {
    this.cacheMs = cacheMs;
    this.now = now;
  }

  async get(userId: string): Promise<StoredProfile | undefined> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > this.now()) return cached.profile;
    const profile = await this.read(userId);
    // A miss is not kept: the person may be saving their profile through another instance.
    if (profile) this.remember(userId, profile);
    return profile;
  }

  private async read(userId: string): Promise<StoredProfile | undefined> {
    try {
      const entity = await this.table.getEntity<ProfileEntity>(toTableKey(userId), ROW);
      return {
        userId: entity.userId,
        region: entity.region as RegionCode,
        organisationCode: entity.organisationCode,
        updatedAt: entity.updatedAt,
        etag: entity.etag,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private remember(userId: string, profile: StoredProfile | undefined): void {
    if (this.cacheMs <= 0) return;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(userId, { profile, until: this.now() + this.cacheMs });
  }

  /**
   * Writes the profile. With `etag`, only if nobody changed it since it was read (false when
   * somebody did); without, only if there is none yet (false when there is).
   */
  async put(profile: Profile, etag?: string): Promise<boolean> {
    const entity: ProfileEntity = {
      partitionKey: toTableKey(profile.userId),
      rowKey: ROW,
      userId: profile.userId,
      region: profile.region,
      ...(profile.organisationCode ? { organisationCode: profile.organisationCode } : {}),
      updatedAt: profile.updatedAt,
    };
    try {
      const written = etag
        ? await this.table.updateEntity(entity, 'Replace', { etag })
        : await this.table.createEntity(entity);
      if (written.etag) this.remember(profile.userId, { ...profile, etag: written.etag });
      else this.cache.delete(profile.userId);
      return true;
    } catch (error) {
      this.cache.delete(profile.userId);
      if (isPreconditionFailed(error) || isConflict(error)) return false;
      throw error;
    }
  }

  /**
   * Sets the profile whatever was there, retrying when a concurrent write got in first. A person
   * not seen before is created in one call, without reading first.
   */
  async save(profile: Profile): Promise<void> {
    const cached = this.cache.get(profile.userId);
    if (!cached?.profile && (await this.put(profile))) return;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = await this.get(profile.userId);
      if (await this.put(profile, current?.etag)) return;
    }
    throw new Error('The profile kept changing while it was being saved');
  }

  /** Everyone's saved region, by Entra object id: one scan, for choosing an announcement's audience. */
  async regions(): Promise<Map<string, RegionCode>> {
    const regions = new Map<string, RegionCode>();
    const rows = this.table.listEntities<ProfileEntity>({
      queryOptions: { filter: odata`RowKey eq ${ROW}`, select: ['RowKey', 'userId', 'region'] },
    });
    for await (const row of rows)
      if (row.rowKey === ROW) regions.set(row.userId.toLowerCase(), row.region as RegionCode);
    return regions;
  }

  async remove(userId: string): Promise<boolean> {
    this.cache.delete(userId);
    return succeeds(() => this.table.deleteEntity(toTableKey(userId), ROW), isNotFound);
  }
}
