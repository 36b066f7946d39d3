import { beforeAll, describe, expect, inject, it } from 'vitest';
import { Profiles, type Profile } from '../../../../src/features/directory/profiles.js';
import { createTableClientFactory } from '../../../../src/platform/storage/tableClientFactory.js';
import { uniqueTablePrefix } from '../../../support/testBot.js';

const tableFor = createTableClientFactory({
  kind: 'connectionString',
  connectionString: inject('tablesConnectionString'),
});
const table = tableFor(`${uniqueTablePrefix()}Profiles`);
beforeAll(() => table.createTable());

function profile(userId: string, overrides: Partial<Profile> = {}): Profile {
  return { userId, region: 'Y63', organisationCode: 'RR8', updatedAt: '2026-11-26T09:00:00.000Z', ...overrides };
}

describe('Profiles (Azurite)', () => {
  it('saves a profile and reads it back with an ETag', async () => {
    const profiles = new Profiles(table);
    await profiles.save(profile('user-a'));

    expect(await new Profiles(table).get('user-a')).toMatchObject({
      region: 'Y63',
      organisationCode: 'RR8',
      etag: expect.any(String),
    });
  });

  it('refuses a write with a stale ETag, so two writers cannot silently overwrite each other', async () => {
    const profiles = new Profiles(table, { cacheMs: 0 });
    await profiles.save(profile('user-b'));
    const read = await profiles.get('user-b');
    await profiles.save(profile('user-b', { region: 'Y62', organisationCode: 'R0A' }));

    expect(await profiles.put(profile('user-b', { region: 'Y56' }), read?.etag)).toBe(false);
    expect((await profiles.get('user-b'))?.region).toBe('Y62');
  });

  it('refuses to create a profile that already exists', async () => {
    const profiles = new Profiles(table, { cacheMs: 0 });
    await profiles.save(profile('user-c'));

    expect(await profiles.put(profile('user-c', { region: 'Y58' }))).toBe(false);
  });

  it("sees another instance's change once its cache time has passed", async () => {
    let now = 0;
    const here = new Profiles(table, { cacheMs: 60_000, now: () => now });
    const elsewhere = new Profiles(table);
    await here.save(profile('user-d'));
    await elsewhere.save(profile('user-d', { region: 'Y59', organisationCode: 'RTH' }));

    expect((await here.get('user-d'))?.region).toBe('Y63');
    now = 60_001;
    expect((await here.get('user-d'))?.region).toBe('Y59');
  });

  it('saves over a change made elsewhere rather than failing', async () => {
    const here = new Profiles(table);
    await here.save(profile('user-e'));
    await new Profiles(table).save(profile('user-e', { region: 'Y61' }));

    await here.save(profile('user-e', { region: 'Y60', organisationCode: undefined }));

    expect(await new Profiles(table).get('user-e')).toMatchObject({ region: 'Y60', organisationCode: undefined });
  });

  it('removes a profile', async () => {
    const profiles = new Profiles(table);
    await profiles.save(profile('user-f'));

    expect(await profiles.remove('user-f')).toBe(true);
    expect(await profiles.get('user-f')).toBeUndefined();
    expect(await new Profiles(table).get('user-f')).toBeUndefined();
  });
});
