import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsSkipped, type Chromium } from './chromium.js';
import { RESULTS_DIR, type Playground } from './playground.js';
import { card, say, startTwoPlaygrounds, type TwoPlaygrounds } from './playgroundPeople.js';

// Two Playgrounds on one bot: Example Lead writes an announcement, previews it and sends it to
// everyone; Sam Example (an MSO) gets it in their chat, and the lead gets the report.

const CARD_TIMEOUT_MS = 30_000;
const TITLE = 'Example network news';

describe.skipIf(browserTestsSkipped)('an announcement in the Agents Playground', () => {
  let people: TwoPlaygrounds;
  let mso: Playground;
  let lead: Playground;
  let browser: Chromium;

  beforeAll(async () => {
    people = await startTwoPlaygrounds('announce');
    ({ mso, lead, browser } = people);
  });
  afterAll(() => people.close());

  it('is written on a card, previewed, sent to everyone, and reported to the lead', async () => {
    const page = await browser.context.newPage();
    await page.goto(mso.url);
    await card(page, 'Welcome to the MSO Network bot').waitFor({ timeout: CARD_TIMEOUT_MS });
    const leadPage = await browser.context.newPage();
    await leadPage.goto(lead.url);
    await card(leadPage, 'Lead menu').waitFor({ timeout: CARD_TIMEOUT_MS });

    await say(leadPage, 'new announcement');
    const form = card(leadPage, 'New announcement');
    await form.waitFor({ timeout: CARD_TIMEOUT_MS });
    await form.getByLabel(/^Title, up to 80 characters/).fill(TITLE);
    await form.getByRole('button', { name: 'Send…' }).click();
    await form.getByText('Write the message.').waitFor({ timeout: CARD_TIMEOUT_MS });
    await form.getByLabel(/The message/).fill('A first line.\nA second line.');
    await form.getByRole('button', { name: 'Preview in my chat' }).click();
    await card(leadPage, TITLE).waitFor({ timeout: CARD_TIMEOUT_MS });
    await form.getByText('Preview posted below in your chat').waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(await card(page, TITLE).count()).toBe(0);

    await form.getByRole('button', { name: 'Send…' }).click();
    const confirm = card(leadPage, 'Send this announcement?');
    await confirm.waitFor({ timeout: CARD_TIMEOUT_MS });
    await confirm.getByRole('button', { name: /^Send to \d+ chats?$/ }).click();
    await card(leadPage, 'Announcement on its way').waitFor({ timeout: CARD_TIMEOUT_MS });

    const received = card(page, TITLE);
    await received.waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(await received.textContent()).toContain('A second line.');
    const report = card(leadPage, 'Announcement report');
    await report.waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(await report.textContent()).toMatch(/Delivered\s*2/);
    await leadPage.screenshot({ path: path.join(RESULTS_DIR, 'playground-announcement-lead.png') });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'playground-announcement-mso.png') });
  });
});
