import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsSkipped, type Chromium } from './chromium.js';
import { RESULTS_DIR, type Playground } from './playground.js';
import { card, say, startTwoPlaygrounds, type TwoPlaygrounds } from './playgroundPeople.js';

// Two Playgrounds on one bot: Sam Example (an MSO) signs up on the card in one, and Example Lead
// (a lead in local mode) approves it in the other, as in Teams.

const CARD_TIMEOUT_MS = 30_000;

describe.skipIf(browserTestsSkipped)('the buddy scheme in the Agents Playground', () => {
  let people: TwoPlaygrounds;
  let mso: Playground;
  let lead: Playground;
  let browser: Chromium;

  beforeAll(async () => {
    people = await startTwoPlaygrounds('buddy');
    ({ mso, lead, browser } = people);
  });
  afterAll(() => people.close());

  it('takes a sign-up on the card and lets the lead approve it from theirs', async () => {
    // The lead opens Teams first: the bot is installed in their personal chat, and greets them with their menu.
    const leadPage = await browser.context.newPage();
    await leadPage.goto(lead.url);
    await card(leadPage, 'Lead menu').waitFor({ timeout: CARD_TIMEOUT_MS });

    const page = await browser.context.newPage();
    await page.goto(mso.url);
    await card(page, 'Welcome to the MSO Network bot').waitFor({ timeout: CARD_TIMEOUT_MS });
    await page.getByRole('textbox').first().fill('join the buddy scheme');
    await page.getByRole('button', { name: 'Send Message' }).click();

    const form = card(page, 'Join the MSO buddy scheme');
    await form.waitFor({ timeout: CARD_TIMEOUT_MS });
    await form.getByRole('button', { name: 'Send my request' }).click();
    await form.getByText('Please check the').waitFor({ timeout: CARD_TIMEOUT_MS });

    await form.getByRole('radio', { name: 'I am new to post and would like a buddy' }).check();
    await form.getByLabel('Your trust or ICB').fill('Leeds Teaching Hospitals');
    await form.getByLabel('How many months have you been an MSO?').fill('3');
    await form.getByRole('checkbox', { name: 'Safety alerts' }).check();
    await form.getByRole('radio', { name: 'A chat in Teams' }).check();
    await form.getByLabel('Your work email').fill('sam.example@example.org');
    await form.getByRole('checkbox', { name: /I agree that the national MSO network lead/ }).check();
    await form.getByRole('button', { name: 'Send my request' }).click();
    await page
      .getByText('Thank you: your request is with the national MSO network lead.')
      .waitFor({ timeout: CARD_TIMEOUT_MS });

    const request = card(leadPage, 'Buddy scheme request: Sam Example');
    await request.waitFor({ timeout: CARD_TIMEOUT_MS });
    await request.getByRole('button', { name: 'Approve' }).click();
    await request.getByText(/Approved by Example Lead/).waitFor({ timeout: CARD_TIMEOUT_MS });
    await leadPage.screenshot({ path: path.join(RESULTS_DIR, 'playground-buddy-lead.png') });

    await card(page, 'Your buddy scheme request was approved').waitFor({ timeout: CARD_TIMEOUT_MS });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'playground-buddy-mso.png') });
    expect(await card(page, 'Your buddy scheme request was approved').textContent()).toContain(
      'Example Lead approved your request.',
    );
  });

  it('lets the lead set the webinar schedule on a card, then remind everyone now and get the report', async () => {
    // The lead's chat again (installed already, so no welcome this time).
    const leadPage = await browser.context.newPage();
    await leadPage.goto(lead.url);
    await leadPage.locator('[role="textbox"]').last().waitFor({ timeout: CARD_TIMEOUT_MS });

    await say(leadPage, 'webinar settings');
    const settings = card(leadPage, 'Webinar settings').last();
    await settings.waitFor({ timeout: CARD_TIMEOUT_MS });
    await settings.getByLabel('Recurrence rule (RRULE)').fill('FREQ=MONTHLY;BYDAY=ZZ');
    await settings.getByLabel('Start time (UK time)').fill('13:00');
    await settings.getByRole('button', { name: 'Save the schedule' }).click();
    await settings.getByText(/not a weekday/).waitFor({ timeout: CARD_TIMEOUT_MS });

    await settings.getByLabel('Recurrence rule (RRULE)').fill('FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2');
    await settings.getByRole('button', { name: 'Save the schedule' }).click();
    await settings.getByText(/^Saved/).waitFor({ timeout: CARD_TIMEOUT_MS });
    await leadPage.screenshot({ path: path.join(RESULTS_DIR, 'playground-webinar-settings.png') });

    await say(leadPage, 'send webinar reminder now');
    const confirm = card(leadPage, 'Send a webinar reminder now?');
    await confirm.waitFor({ timeout: CARD_TIMEOUT_MS });
    await confirm.getByRole('button', { name: 'Send it now' }).click();
    await card(leadPage, 'Webinar reminder on its way').waitFor({ timeout: CARD_TIMEOUT_MS });
    // The lead is subscribed too: the reminder arrives in this chat, then the report.
    await card(leadPage, 'Reminder: the MSO webinar').waitFor({ timeout: CARD_TIMEOUT_MS });
    const report = card(leadPage, 'Webinar reminder report');
    await report.waitFor({ timeout: CARD_TIMEOUT_MS });
    await leadPage.screenshot({ path: path.join(RESULTS_DIR, 'playground-webinar-report.png') });
    expect(await report.textContent()).toMatch(/Delivered\s*\d+/);
  });
});
