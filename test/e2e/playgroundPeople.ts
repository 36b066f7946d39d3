import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { startTestApp } from '../support/testBot.js';
import { launchChromium, type Chromium } from './chromium.js';
import { startPlayground, type Playground } from './playground.js';

/** The lead's Playground config that `npm start` uses too: the lead at the keyboard, in a chat of their own. */
export const LEAD_CONFIG = fileURLToPath(new URL('../../.m365agentsplayground.lead.yml', import.meta.url));

/** One bot, an MSO's Playground (Sam Example), the lead's (Example Lead) and Chromium, as `npm start` gives them. */
export interface TwoPlaygrounds {
  mso: Playground;
  lead: Playground;
  browser: Chromium;
  close(): Promise<void>;
}

/** Starts them; `name` keeps each test's Playground logs apart; `env` and `now` go to the bot. */
export async function startTwoPlaygrounds(
  name: string,
  { env = {}, now }: { env?: Record<string, string>; now?: () => Date } = {},
): Promise<TwoPlaygrounds> {
  const teardown: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const step of teardown.reverse()) await step();
  };
  try {
    const app = await startTestApp(env, now ? { now } : {});
    teardown.push(() => app.close());
    const mso = await startPlayground(app.url, { logName: `playground-${name}-mso-e2e.log` });
    teardown.push(() => mso.stop());
    const lead = await startPlayground(app.url, {
      configPath: LEAD_CONFIG,
      logName: `playground-${name}-lead-e2e.log`,
    });
    teardown.push(() => lead.stop());
    const browser = await launchChromium();
    teardown.push(() => browser.close());
    return { mso, lead, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
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
