import type { TableClient } from '@azure/data-tables';
import type { RegionCode } from '../directory/referenceData.js';
import { isConflict, isNotFound, isPreconditionFailed } from './tableErrors.js';
import { toTableKey } from './tableKeys.js';

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

/** Table `Profiles`: one row per person who told the bot where they work. */
export class Profiles {
  constructor(private readonly table: TableClient) {}

  async get(userId: string): Promise<StoredProfile | undefined> {
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
      if (etag) await this.table.updateEntity(entity, 'Replace', { etag });
      else await this.table.createEntity(entity);
      return true;
    } catch (error) {
      if (isPreconditionFailed(error) || isConflict(error)) return false;
      throw error;
    }
  }

  /** Sets the profile whatever was there, retrying when a concurrent write got in first. */
  async save(profile: Profile): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = await this.get(profile.userId);
      if (await this.put(profile, current?.etag)) return;
    }
    throw new Error('The profile kept changing while it was being saved');
  }

  async remove(userId: string): Promise<boolean> {
    try {
      await this.table.deleteEntity(toTableKey(userId), ROW);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}
