import { beforeAll, describe, expect, it } from 'vitest';
import { Roles } from '../../../../src/features/leads/roles.js';
import type { Storage } from '../../../../src/storage.js';
import { openTestStorage } from '../../../support/testBot.js';

const OWNER = 'eeeeeeee-0000-4000-8000-0000000000a1';
const DEPUTY = 'eeeeeeee-0000-4000-8000-0000000000d1';

let storage: Storage;
let roles: Roles;
beforeAll(async () => {
  storage = await openTestStorage();
  roles = new Roles(new Set([OWNER]), storage.roles);
});

describe('Roles (Azurite)', () => {
  it('counts an added lead, and a removed one no longer, from the very next check', async () => {
    expect(await roles.isLead(DEPUTY)).toBe(false);
    await storage.roles.add({
      id: DEPUTY.toUpperCase(),
      name: 'Robin Example',
      addedBy: OWNER,
      addedAt: '2026-12-02T08:00:00Z',
    });
    expect(await roles.isLead(DEPUTY)).toBe(true);
    await storage.roles.remove(DEPUTY);
    expect(await roles.isLead(DEPUTY)).toBe(false);
  });

  it('always counts an owner, and never anything but an Entra object id', async () => {
    expect(await roles.isLead(OWNER.toUpperCase())).toBe(true);
    expect(await roles.isLead('29:someone')).toBe(false);
    expect(await roles.isLead('x'.repeat(128))).toBe(false);
    expect(await roles.isLead(undefined)).toBe(false);
  });

  it('shows the lead commands from a roster at most five seconds old, which is for display only', async () => {
    const start = Date.now();
    expect(await roles.showsAsLead(DEPUTY, start)).toBe(false);
    await storage.roles.add({ id: DEPUTY, name: undefined, addedBy: OWNER, addedAt: '2026-12-02T08:00:00Z' });

    expect(await roles.showsAsLead(DEPUTY, start + 1000)).toBe(false);
    expect(await roles.isLead(DEPUTY)).toBe(true);
    expect(await roles.showsAsLead(DEPUTY, start + 5001)).toBe(true);
    await storage.roles.remove(DEPUTY);
  });
});
