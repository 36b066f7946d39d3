import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { LOCAL_LEAD_AAD_OBJECT_ID } from '../../src/config.js';

interface PlaygroundUser {
  aadObjectId: string;
  [key: string]: unknown;
}

/** The shipped Playground config with the lead as the person at the keyboard, in a chat of their own. */
export async function leadConfig(): Promise<string> {
  const config = parse(await readFile(new URL('../../.m365agentsplayground.yml', import.meta.url), 'utf8')) as {
    currentUser: PlaygroundUser;
    users: PlaygroundUser[];
    personalChat: { id: string };
  };
  const lead = config.users.find((user) => user.aadObjectId === LOCAL_LEAD_AAD_OBJECT_ID);
  if (!lead) throw new Error('the Playground config has no lead');
  const asLead = {
    ...config,
    currentUser: lead,
    users: config.users.map((user) => (user === lead ? config.currentUser : user)),
    personalChat: { id: 'a:local-personal-chat-example-lead' },
  };
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'mso-lead-')), 'lead.m365agentsplayground.yml');
  await writeFile(file, stringify(asLead));
  return file;
}

/** The card whose heading is this (a bubble of the chat). */
export function card(page: Page, heading: string | RegExp): Locator {
  return page.locator('.ac-adaptiveCard').filter({ has: page.getByRole('heading', { name: heading }) });
}

/** Types a message in the chat's composer (not an input on a card) and sends it. */
export async function say(page: Page, text: string): Promise<void> {
  const composer = page.locator('[role="textbox"]').last();
  await composer.fill(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}
