import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/testBot.js';
import { browserTestsSkipped, launchChromium, type Chromium } from './chromium.js';
import { RESULTS_DIR, startPlayground, type Playground } from './playground.js';

// The lead's webinar settings card in the real Agents Playground: the plain choices, and one date
// shown as it stands before it is changed, as a lead would use them in Teams.

/** The person at the Playground's keyboard (.m365agentsplayground.yml), made a lead for this test. */
const SAM_AAD_OBJECT_ID = '00000000-0000-0000-0000-0000000000c1';
const CARD_TIMEOUT_MS = 30_000;

describe.skipIf(browserTestsSkipped)('webinar settings in the Agents Playground', () => {
  const teardown: (() => Promise<void>)[] = [];
  let playground: Playground;
  let browser: Chromium;

  beforeAll(async () => {
    const app = await startTestApp({ LEAD_AAD_OBJECT_IDS: SAM_AAD_OBJECT_ID });
    teardown.push(() => app.close());
    playground = await startPlayground(app.url, { logName: 'playground-webinar-e2e.log' });
    teardown.push(() => playground.stop());
    browser = await launchChromium();
    teardown.push(() => browser.close());
  });

  afterAll(async () => {
    for (const step of teardown.reverse()) await step();
  });

  it('sets the schedule with the plain choices, then cancels a date and changes its topic without losing the cancellation', async () => {
    const page: Page = await browser.context.newPage();
    await page.goto(playground.url);
    const composer = page.locator('[role="textbox"]').last();
    await composer.waitFor({ timeout: CARD_TIMEOUT_MS });
    await composer.fill('webinar settings');
    await page.getByRole('button', { name: 'Send Message' }).click();
    const settings: Locator = page
      .locator('.ac-adaptiveCard')
      .filter({ has: page.getByRole('heading', { name: 'Webinar settings', exact: true }) })
      .last();
    await settings.waitFor({ timeout: CARD_TIMEOUT_MS });
    const waitForText = (text: string | RegExp) =>
      settings.getByText(text).first().waitFor({ timeout: CARD_TIMEOUT_MS });

    // The Playground draws a compact choice set as a Fluent combobox whose options open below the card.
    const choose = async (label: string, option: string | number) => {
      await settings.getByRole('combobox', { name: label, exact: true }).click();
      const options = page.getByRole('option');
      await (typeof option === 'number' ? options.nth(option) : options.filter({ hasText: option }).first()).click();
    };

    await choose('Week of the month', 'Second');
    await choose('Day', 'Thursday');
    await settings.getByLabel('Start time (UK time)').fill('13:00');
    await settings.getByRole('button', { name: 'Save the schedule' }).click();
    await waitForText('Saved: the second Thursday of every month, 13:00 to 14:00 UK time.');

    await settings.getByRole('checkbox', { name: 'This webinar is cancelled' }).check();
    await settings.getByRole('button', { name: 'Save this date' }).click();
    await waitForText(/cancelled, so no reminders go out for it\./);

    await settings.getByLabel('Topic for this date only').fill('Insulin safety');
    await settings.getByRole('button', { name: 'Save this date' }).click();
    await waitForText(/topic changed; still cancelled\./);
    expect(await settings.getByRole('checkbox', { name: 'This webinar is cancelled' }).isChecked()).toBe(true);

    await choose('Which webinar', 1);
    await settings.getByRole('button', { name: 'Show this date' }).click();
    await waitForText(/As it stands: goes ahead\./);
    expect(await settings.getByRole('checkbox', { name: 'This webinar is cancelled' }).isChecked()).toBe(false);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'playground-webinar-one-date.png'), fullPage: true });
  });
});
