import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsSkipped, type Chromium } from './chromium.js';
import { RESULTS_DIR, type Playground } from './playground.js';
import { card, say, startTwoPlaygrounds, type TwoPlaygrounds } from './playgroundPeople.js';

// Example Lead offers to mentor and is approved; Sam Example asks for a buddy and is matched with
// them; four weeks on (the bot's clock is moved), Sam answers the check-in card and the lead sees
// it counted in the summary, but never Sam's note (the lead is Sam's buddy).

const CARD_TIMEOUT_MS = 30_000;
const WEEK_MS = 7 * 24 * 60 * 60_000;

describe.skipIf(browserTestsSkipped)('a buddy check-in in the Agents Playground', () => {
  let people: TwoPlaygrounds;
  let mso: Playground;
  let lead: Playground;
  let browser: Chromium;
  let now = Date.now();

  beforeAll(async () => {
    people = await startTwoPlaygrounds('checkin', { env: { REMINDER_TICK_SECONDS: '1' }, now: () => new Date(now) });
    ({ mso, lead, browser } = people);
  });
  afterAll(() => people.close());

  /** Fills the rest of the sign-up card the words opened (the way in is already chosen) and sends it. */
  async function fillSignUp(form: Locator, months: string, mentor: boolean): Promise<void> {
    await form.getByLabel('Your trust or ICB').fill('Leeds Teaching Hospitals');
    await form.getByLabel('How many months have you been an MSO?').fill(months);
    await form.getByRole('checkbox', { name: 'Safety alerts' }).check();
    if (mentor) {
      // A compact choice set is a Fluent combobox: its options open in a popup outside the card.
      await form.getByRole('combobox', { name: /Mentors: how many buddies/ }).click();
      await form.page().getByRole('option', { name: '1', exact: true }).click();
    }
    await form.getByRole('radio', { name: 'A chat in Teams' }).check();
    const email = form.getByLabel('Your work email');
    if ((await email.inputValue()) === '') await email.fill(mentor ? 'lead@example.org' : 'sam@example.org');
    await form.getByRole('checkbox', { name: /I agree that the national MSO network lead/ }).check();
    await form.getByRole('button', { name: 'Send my request' }).click();
  }

  async function openChat(url: string, greeting: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(url);
    await card(page, greeting).waitFor({ timeout: CARD_TIMEOUT_MS });
    return page;
  }

  it('is sent four weeks after the match, answered by the mentee, and counted in the summary of a lead who never sees the note', async () => {
    const leadPage = await openChat(lead.url, 'Lead menu');
    await say(leadPage, 'I would be happy to mentor a new MSO');
    const offer = card(leadPage, 'Join the MSO buddy scheme');
    await offer.waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(
      await offer.getByRole('radio', { name: 'I am an experienced MSO and would like to mentor' }).isChecked(),
    ).toBe(true);
    await fillSignUp(offer, '96', true);
    const mentorRequest = card(leadPage, 'Buddy scheme request: Example Lead').last();
    await mentorRequest.waitFor({ timeout: CARD_TIMEOUT_MS });
    await mentorRequest.getByRole('button', { name: 'Approve' }).click();
    await mentorRequest.getByText(/Approved by Example Lead/).waitFor({ timeout: CARD_TIMEOUT_MS });

    const page = await openChat(mso.url, 'Welcome to the MSO Network bot');
    await say(page, "I'm new in post and would like a buddy");
    const form = card(page, 'Join the MSO buddy scheme');
    await form.waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(await form.getByRole('radio', { name: 'I am new to post and would like a buddy' }).isChecked()).toBe(true);
    await fillSignUp(form, '2', false);
    const request = card(leadPage, 'Buddy scheme request: Sam Example');
    await request.waitFor({ timeout: CARD_TIMEOUT_MS });
    await request.getByRole('radio', { name: /^Example Lead: same region/ }).check();
    await request.getByRole('button', { name: 'Approve' }).click();
    await request.getByText(/Matched with Example Lead by Example Lead/).waitFor({ timeout: CARD_TIMEOUT_MS });

    now += 4 * WEEK_MS + 60_000;
    const checkIn = card(page, 'How is your buddy pairing going?');
    await checkIn.waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(await checkIn.textContent()).toContain('It is 4 weeks since you were paired with Example Lead');
    await checkIn.getByRole('radio', { name: 'We have not met yet' }).check();
    await checkIn.getByLabel(/A note to the national lead/).fill('Our diaries have clashed so far.');
    await checkIn.getByRole('button', { name: 'Send my answer' }).click();
    // The only lead is Sam's buddy: the note, promised to stay from the buddy, reaches nobody.
    await checkIn.getByText('Thank you: your answer is saved.').waitFor({ timeout: CARD_TIMEOUT_MS });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'playground-checkin-mso.png') });

    await say(leadPage, 'buddy scheme summary');
    const summary = card(leadPage, 'The buddy scheme in numbers');
    await summary.waitFor({ timeout: CARD_TIMEOUT_MS });
    await leadPage.screenshot({ path: path.join(RESULTS_DIR, 'playground-checkin-lead.png') });
    expect(await summary.textContent()).toContain('0 going well, 1 not met yet');
    expect(await leadPage.getByText('Our diaries have clashed so far.').count()).toBe(0);
  });
});
