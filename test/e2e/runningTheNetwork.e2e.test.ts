import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/testBot.js';
import { browserTestsSkipped, launchChromium, type Chromium } from './chromium.js';
import { RESULTS_DIR, startPlayground, type Playground } from './playground.js';
import { card, LEAD_CONFIG, say } from './playgroundPeople.js';

// The national lead keeps the directory right from Teams: edits the North West entry on its card
// (a mistake first, then saved) and asks the bot, as an MSO would, who leads the North West network.

const CARD_TIMEOUT_MS = 30_000;

describe.skipIf(browserTestsSkipped)('running the network in the Agents Playground', () => {
  const teardown: (() => Promise<void>)[] = [];
  let lead: Playground;
  let browser: Chromium;

  beforeAll(async () => {
    const app = await startTestApp();
    teardown.push(() => app.close());
    lead = await startPlayground(app.url, { configPath: LEAD_CONFIG, logName: 'playground-admin-e2e.log' });
    teardown.push(() => lead.stop());
    browser = await launchChromium();
    teardown.push(() => browser.close());
  });

  afterAll(async () => {
    for (const step of teardown.reverse()) await step();
  });

  it('lets the lead fix a region on its card, with a mistake shown under its field first, and answers with the change', async () => {
    const page = await browser.context.newPage();
    await page.goto(lead.url);
    await card(page, 'Lead menu').waitFor({ timeout: CARD_TIMEOUT_MS });

    await say(page, 'directory settings');
    const settings = card(page, 'Directory settings');
    await settings.waitFor({ timeout: CARD_TIMEOUT_MS });
    // The North West is the second region listed, after the national lead and the steering group.
    await settings.getByRole('button', { name: 'Edit' }).nth(3).click();

    const edit = card(page, 'Edit: the North West network');
    await edit.waitFor({ timeout: CARD_TIMEOUT_MS });
    await edit.getByLabel("Lead's name").fill('Morgan Example');
    await edit.getByLabel("Lead's email").fill('morgan.example at example.org');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText('This must be an email address.').waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(await edit.getByLabel("Lead's name").inputValue()).toBe('Morgan Example');

    await edit.getByLabel("Lead's email").fill('morgan.example@example.org');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText(/still the previous sign-in name/).waitFor({ timeout: CARD_TIMEOUT_MS });
    await edit.getByLabel("Lead's Teams sign-in name").fill('');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText(/^Saved as version 1/).waitFor({ timeout: CARD_TIMEOUT_MS });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'playground-directory-edit.png') });

    await say(page, 'who leads the North West network?');
    const answer = card(page, /North West/).last();
    await answer.getByText('morgan.example@example.org').waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(await answer.textContent()).toContain('Morgan Example');
  });
});
