import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/testBot.js';
import { browserTestsSkipped, launchChromium, type Chromium } from './chromium.js';
import { RESULTS_DIR, startPlayground, type Playground } from './playground.js';

// An MSO who types faster than the per-conversation limit, in the real Playground: the limit is
// set low (3 a minute) so that a few messages reach it.

const TIMEOUT_MS = 30_000;

describe.skipIf(browserTestsSkipped)('an MSO typing faster than the message limit, in the Playground', () => {
  const teardown: (() => Promise<void>)[] = [];
  let playground: Playground;
  let browser: Chromium;
  let page: Page;

  beforeAll(async () => {
    const app = await startTestApp({ MESSAGES_PER_MINUTE: '3' });
    teardown.push(() => app.close());
    playground = await startPlayground(app.url, { logName: 'playground-message-limit.log' });
    teardown.push(() => playground.stop());
    browser = await launchChromium();
    teardown.push(() => browser.close());
    page = await browser.context.newPage();
    await page.goto(playground.url);
  });

  afterAll(async () => {
    for (const step of teardown.reverse()) await step();
  });

  /** The bot's "slow down" message in the conversation (the chat list previews it too). */
  const slowDown = () => page.getByRole('paragraph').filter({ hasText: 'Wait a minute, then ask again' });

  async function say(text: string): Promise<void> {
    await page.getByRole('textbox').fill(text);
    await page.getByRole('button', { name: 'Send Message' }).click();
  }

  it('answers up to the limit, then says once to slow down and answers nothing more', async () => {
    await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: TIMEOUT_MS });
    const cardsAtStart = await page.locator('.ac-adaptiveCard').count();
    for (const text of ['help', 'who is the national lead', 'when is the next webinar']) await say(text);
    await expect.poll(() => page.locator('.ac-adaptiveCard').count(), { timeout: TIMEOUT_MS }).toBe(cardsAtStart + 3);

    await say('what is the buddy scheme');
    await slowDown().first().waitFor({ timeout: TIMEOUT_MS });
    await say('is there training');
    await say('help');
    // Give a reply time to arrive if one were coming.
    await page.waitForTimeout(3000);

    await page.setViewportSize({ width: 1280, height: 1800 });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'playground-message-limit.png') });
    expect(await page.locator('.ac-adaptiveCard').count()).toBe(cardsAtStart + 3);
    expect(await slowDown().count()).toBe(1);
  });
});
