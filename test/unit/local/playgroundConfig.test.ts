import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCAL_LEAD_AAD_OBJECT_ID, LOCAL_TENANT_ID, loadConfig } from '../../../src/config.js';

const person = z.object({ id: z.string(), name: z.string(), aadObjectId: z.string(), email: z.string() });
const playgroundFile = z.object({
  tenantId: z.string(),
  currentUser: person,
  users: z.array(person),
  personalChat: z.object({ id: z.string() }),
  groupChat: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }),
});
const read = (file: string) =>
  playgroundFile.parse(parse(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8')));
const playground = read('.m365agentsplayground.yml');
const asLead = read('.m365agentsplayground.lead.yml');

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

  it("has a lead's copy for the second Playground: the same people and conversations, the lead as its user, a chat of its own", () => {
    const everyone = (file: typeof playground) =>
      [file.currentUser, ...file.users].map((user) => user.aadObjectId).sort();

    expect(asLead.currentUser.aadObjectId).toBe(LOCAL_LEAD_AAD_OBJECT_ID);
    expect(everyone(asLead)).toEqual(everyone(playground));
    expect(asLead.users.map((user) => user.id)).toContain(playground.currentUser.id);
    expect(asLead.personalChat.id).not.toBe(playground.personalChat.id);
    expect({ tenant: asLead.tenantId, group: asLead.groupChat.id, team: asLead.team.id }).toEqual({
      tenant: playground.tenantId,
      group: playground.groupChat.id,
      team: playground.team.id,
    });
  });
});
