import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_TENANT_ID } from '../../src/config.js';
import type { Storage } from '../../src/storage.js';
import { startTestApp } from '../support/testBot.js';
import { browserTestsSkipped, launchChromium, type Chromium } from './chromium.js';
import { RESULTS_DIR, startPlayground, type Playground } from './playground.js';

// The real bot (in this process, storage in the run's Azurite) behind the real Agents Playground,
// driven through its page in chromium: what a developer sees after `npm start`.

/** The personal chat and the MSO named in .m365agentsplayground.yml. */
const PERSONAL_CHAT_ID = 'a:local-personal-chat-sam-example';
const SAM_AAD_OBJECT_ID = '00000000-0000-0000-0000-0000000000c1';
const CARD_TIMEOUT_MS = 30_000;

function cardWithHeading(page: Page, heading: string): Locator {
  return page.locator('.ac-adaptiveCard').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
}
const welcomeCard = (page: Page) => cardWithHeading(page, 'Welcome to the MSO Network bot');
const helpCard = (page: Page) => cardWithHeading(page, 'What I can do');

describe.skipIf(browserTestsSkipped)('the bot in the Agents Playground', () => {
  const teardown: (() => Promise<void>)[] = [];
  let storage: Storage;
  let playground: Playground;
  let browser: Chromium;
  let page: Page;

  beforeAll(async () => {
    const app = await startTestApp();
    storage = app.storage;
    teardown.push(() => app.close());
    playground = await startPlayground(app.url);
    teardown.push(() => playground.stop());
    browser = await launchChromium();
    teardown.push(() => browser.close());
  });

  afterAll(async () => {
    for (const step of teardown.reverse()) await step();
  });

  beforeEach(async () => {
    // The bot welcomes a personal chat only the first time; forgetting it makes each page a fresh install.
    await storage.conversations.remove(PERSONAL_CHAT_ID);
    page = await browser.context.newPage();
    await page.goto(playground.url);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await page.screenshot({
        path: path.join(RESULTS_DIR, `playground-failed-${task.name.replace(/\W+/g, '-')}.png`),
      });
    }
    await page.close();
  });

  it('welcomes the MSO when the page opens and the Playground installs the bot', async () => {
    await welcomeCard(page).waitFor({ timeout: CARD_TIMEOUT_MS });

    expect(await storage.conversations.get(PERSONAL_CHAT_ID)).toMatchObject({
      kind: 'personal',
      tenantId: LOCAL_TENANT_ID,
      userAadObjectId: SAM_AAD_OBJECT_ID,
    });
  });

  it('answers "help" typed in the composer with the help card', async () => {
    await welcomeCard(page).waitFor({ timeout: CARD_TIMEOUT_MS });

    await page.getByRole('textbox').fill('help');
    await page.getByRole('button', { name: 'Send Message' }).click();

    await helpCard(page).waitFor({ timeout: CARD_TIMEOUT_MS });
    await page.setViewportSize({ width: 1280, height: 1600 }); // room for the whole conversation
    await page.screenshot({ path: path.join(RESULTS_DIR, 'playground-help.png') });
    expect(await welcomeCard(page).count()).toBe(1);
  });

  it('asks where the MSO works, takes the answer on the card, and names their regional lead', async () => {
    await welcomeCard(page).waitFor({ timeout: CARD_TIMEOUT_MS });

    await page.getByRole('textbox').fill('who is my regional lead?');
    await page.getByRole('button', { name: 'Send Message' }).click();
    const form = cardWithHeading(page, 'Where do you work?');
    await form.waitFor({ timeout: CARD_TIMEOUT_MS });
    await form.getByRole('textbox').fill('Leeds Teaching Hospitals');
    await form.getByRole('button', { name: 'Save' }).click();

    const answer = cardWithHeading(page, 'North East and Yorkshire: your regional MSO network lead');
    await answer.waitFor({ timeout: CARD_TIMEOUT_MS });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'playground-regional-lead.png') });
    expect(await answer.textContent()).toContain('North East and Yorkshire Example Lead');
    await storage.profiles.remove(SAM_AAD_OBJECT_ID);
  });

  it('sends the help card when "What can you do?" is pressed on the welcome card', async () => {
    await welcomeCard(page).waitFor({ timeout: CARD_TIMEOUT_MS });

    await welcomeCard(page).getByRole('button', { name: 'What can you do?' }).click();

    await helpCard(page).waitFor({ timeout: CARD_TIMEOUT_MS });
    // The welcome card stays (the action answers with a message, not a replacement card).
    expect(await welcomeCard(page).count()).toBe(1);
  });
});
