import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCAL_LEAD_AAD_OBJECT_ID, LOCAL_TENANT_ID, loadConfig } from '../../../src/config.js';

const person = z.object({ name: z.string(), aadObjectId: z.string(), email: z.string() });
const playground = z
  .object({ tenantId: z.string(), currentUser: person, users: z.array(person) })
  .parse(parse(readFileSync(new URL('../../../.m365agentsplayground.yml', import.meta.url), 'utf8')));

describe('the Playground configuration', () => {
  it('uses the tenant the bot expects in local mode', () => {
    expect(playground.tenantId).toBe(LOCAL_TENANT_ID);
  });

  it('has a user who is a lead in local mode', () => {
    const leads = loadConfig({}).leadAadObjectIds;

    expect(playground.users.filter((user) => leads.has(user.aadObjectId)).map((user) => user.aadObjectId)).toEqual([
      LOCAL_LEAD_AAD_OBJECT_ID,
    ]);
  });

  it('names only fictional people at example.org', () => {
    for (const user of [playground.currentUser, ...playground.users]) expect(user.email).toMatch(/@example\.org$/);
  });
});
