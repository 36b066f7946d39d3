import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsSkipped, type Chromium } from './chromium.js';
import { RESULTS_DIR, type Playground } from './playground.js';
import { card, say, startTwoPlaygrounds, type TwoPlaygrounds } from './playgroundPeople.js';

// Two Playgrounds on one bot: Sam Example (an MSO) asks the national lead in one, Example Lead
// answers from the card in the other, and the answer arrives in Sam's chat.

const CARD_TIMEOUT_MS = 30_000;

describe.skipIf(browserTestsSkipped)('asking the national lead in the Agents Playground', () => {
  let people: TwoPlaygrounds;
  let mso: Playground;
  let lead: Playground;
  let browser: Chromium;

  beforeAll(async () => {
    people = await startTwoPlaygrounds('ask');
    ({ mso, lead, browser } = people);
  });
  afterAll(() => people.close());

  it('takes the question on a card, lets the lead answer it from theirs, and brings the answer back', async () => {
    const leadPage = await browser.context.newPage();
    await leadPage.goto(lead.url);
    await card(leadPage, 'Lead menu').waitFor({ timeout: CARD_TIMEOUT_MS });

    const page = await browser.context.newPage();
    await page.goto(mso.url);
    await card(page, 'Welcome to the MSO Network bot').waitFor({ timeout: CARD_TIMEOUT_MS });
    await say(page, 'I need support with sharing our annual medication safety report');

    const form = card(page, 'Ask the national MSO network lead');
    await form.waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(await form.getByLabel('Your question').inputValue()).toBe(
      'I need support with sharing our annual medication safety report',
    );
    await form.getByRole('button', { name: 'Send to the national lead' }).click();
    await form.getByText('Choose what the question is about.').waitFor({ timeout: CARD_TIMEOUT_MS });
    await form.getByRole('radio', { name: 'The MSO network' }).check();
    await form.getByRole('button', { name: 'Send to the national lead' }).click();
    await page.getByText(/your question is with the national lead\. Your reference is Q-/).waitFor({
      timeout: CARD_TIMEOUT_MS,
    });

    const ticket = card(leadPage, 'Question from Sam Example').last();
    await ticket.waitFor({ timeout: CARD_TIMEOUT_MS });
    await ticket.getByRole('button', { name: 'Take it' }).click();
    await ticket.getByText('You have taken this question').waitFor({ timeout: CARD_TIMEOUT_MS });
    await ticket.getByRole('button', { name: 'Answer', exact: true }).click();
    await ticket.getByLabel(/Your answer/).fill('Send it to the national lead, who shares it with the network.');
    await ticket.getByRole('button', { name: 'Send the answer' }).click();
    await ticket.getByText('Your answer has been sent.').waitFor({ timeout: CARD_TIMEOUT_MS });
    await leadPage.screenshot({ path: path.join(RESULTS_DIR, 'playground-ask-lead.png') });

    const answer = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: 'The national lead has answered your question.' })
      .last();
    await answer.waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(await answer.textContent()).toContain('Send it to the national lead, who shares it with the network.');
    await answer.getByRole('button', { name: 'That answers it' }).click();
    // The card the button was on turns into the closed question, and so does the earlier copy.
    await expect
      .poll(() => page.getByRole('button', { name: 'That answers it' }).count(), { timeout: CARD_TIMEOUT_MS })
      .toBe(0);
    expect(await page.getByText('Closed: you said this answered it').count()).toBe(2);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'playground-ask-mso.png') });
  });
});
