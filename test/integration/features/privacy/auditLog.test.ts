import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import {
  cardAction,
  installationUpdate,
  LEAD,
  message,
  personalChatId,
  type Person,
} from '../../../support/activities.js';
import { requestIdOf } from '../../../support/buddyRequests.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';
import { waitFor } from '../../../support/waitFor.js';

// Fictional people, with names that appear nowhere else in the suite.
const APPLICANT: Person = {
  id: '29:audit-applicant',
  name: 'Sam Ledger-Example',
  aadObjectId: 'cccccccc-7777-4000-8000-000000000a01',
};
const MENTOR: Person = {
  id: '29:audit-mentor',
  name: 'Robin Quire-Example',
  aadObjectId: 'cccccccc-7777-4000-8000-000000000a02',
};
/** Somebody who never talked to the bot: it has no name for them. */
const STRANGER = 'cccccccc-7777-4000-8000-0000001a2b3c';

const FULL_DATE_TIME =
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d{2}:\d{2}$/;
const CODE_NAME = /\b(buddy|webinar|reminder|role|directory|data)\.[a-zA-Z]/;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
/** "2 Dec 2026": a month cut short anywhere on the card. */
const CUT_DATE = /\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec) \d{4}\b/;

let bot: TestBot;
let serviceUrl: string;
let cancelledDay: string;

type Card = Record<string, unknown>;
interface Fact {
  title: string;
  value: string;
}

const press = (person: Person, verb: string, data: Record<string, unknown>) =>
  bot.post(cardAction(verb, data, { serviceUrl, from: person }));
const signUp = (person: Person, fields: Record<string, string>) =>
  bot.post({
    ...cardAction(
      VERBS.submitBuddySignUp,
      {
        organisation: 'Leeds Teaching Hospitals',
        region: '',
        monthsInRole: '3',
        focusAreas: 'data',
        capacity: '',
        preferredContact: 'teams',
        email: 'someone@example.org',
        note: '',
        consent: 'true',
        ...fields,
      },
      { serviceUrl, from: person },
    ),
    replyToId: `sign-up-${person.id}`,
  });

/** The one card the person was sent after saying `text`. */
async function cardFor(person: Person, text: string): Promise<Card> {
  bot.connector.clear();
  await bot.post(message(text, { serviceUrl, from: person }));
  const [card] = bot.connector.sentCards(personalChatId(person));
  if (!card) throw new Error(`No card answered "${text}"`);
  return card;
}

/** The data of the card's first button. */
const actionData = (card: Card) => (card.actions as { data?: Record<string, unknown> }[] | undefined)?.[0]?.data ?? {};

/** Every FactSet's facts in a card, or in the container whose heading is `heading`. */
function factsIn(node: unknown, heading?: string): Fact[] {
  if (Array.isArray(node)) return node.flatMap((child) => factsIn(child, heading));
  if (typeof node !== 'object' || node === null) return [];
  const element = node as Record<string, unknown>;
  if (heading !== undefined && Array.isArray(element.items)) {
    const headed = element.items.some((item) => (item as { text?: unknown }).text === heading);
    if (headed) return factsIn(element.items);
  }
  if (heading === undefined && element.type === 'FactSet') return element.facts as Fact[];
  return Object.values(element).flatMap((child) => factsIn(child, heading));
}

beforeAll(async () => {
  bot = await startTestBot({
    LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
    WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
    REMINDER_OFFSETS: '1m',
  });
  serviceUrl = bot.connector.serviceUrl;
  for (const person of [LEAD, APPLICANT, MENTOR])
    await bot.post(installationUpdate('add', { serviceUrl, from: person }));

  // A mentor signs up and is approved; an applicant signs up and is approved with that mentor.
  await signUp(MENTOR, { wayIn: 'mentor', capacity: '2' });
  const mentorId = await requestIdOf(bot.storage, MENTOR, 'mentor');
  await press(LEAD, VERBS.decideBuddyRequest, { requestId: mentorId, decision: 'approve' });
  await signUp(APPLICANT, { wayIn: 'newToPost' });
  await press(LEAD, VERBS.decideBuddyRequest, {
    requestId: await requestIdOf(bot.storage, APPLICANT, 'newToPost'),
    decision: 'approve',
    mentor: mentorId,
  });

  // The lead cancels the next webinar (its date as the reminder card gives it), then sends a reminder
  // for the one after by hand.
  const occurrenceId = actionData(await cardFor(LEAD, 'send webinar reminder now')).occurrenceId;
  if (typeof occurrenceId !== 'string') throw new Error('The reminder card names no webinar');
  await press(LEAD, VERBS.changeWebinarOccurrence, {
    occurrenceId,
    occurrenceTopic: '',
    occurrenceJoinUrl: '',
    cancelled: 'true',
  });
  cancelledDay = DateTime.fromISO(occurrenceId).setLocale('en-GB').toFormat('d LLLL yyyy');
  await press(LEAD, VERBS.confirmReminderNow, actionData(await cardFor(LEAD, 'send webinar reminder now')));
  await waitFor(
    async () =>
      (await bot.storage.audit.latest(20)).some((entry) => entry.action === 'reminder.broadcast') ? true : undefined,
    'the reminder report',
  );
  // The report card goes to the lead after the entry is written: let it arrive before the next question.
  await waitFor(
    () =>
      JSON.stringify(bot.connector.sentCards(personalChatId(LEAD))).includes('Webinar reminder report')
        ? true
        : undefined,
    'the reminder report card',
  );

  // Entries the lead cards of other features write, with their details: a lead added (a person
  // the bot knows from their chat), one added by somebody it knows nothing of, and a directory edit.
  const second = (n: number) => new Date(Date.now() + n * 1000).toISOString();
  await bot.storage.audit.record({
    at: second(1),
    actor: LEAD.aadObjectId,
    action: 'role.addLead',
    subject: MENTOR.aadObjectId,
    related: undefined,
  });
  await bot.storage.audit.record({
    at: second(2),
    actor: STRANGER,
    action: 'role.removeLead',
    subject: MENTOR.aadObjectId,
    related: undefined,
  });
  await bot.storage.audit.record({
    at: second(3),
    actor: LEAD.aadObjectId,
    action: 'directory.save',
    subject: 'Y62',
    related: undefined,
    detail: { section: 'Y62', fields: 'lead email,page' },
  });
});
afterAll(() => bot.close());

describe('the audit log a lead reads', () => {
  it('says who did what by name, in plain words', async () => {
    const lines = factsIn(await cardFor(LEAD, 'audit log')).map((fact) => fact.value);

    expect(lines).toEqual([
      `Example Lead changed the North West network\u2019s lead email and page`,
      `A person the bot has no name for (\u20261a2b3c) removed ${MENTOR.name} as a lead`,
      `Example Lead added ${MENTOR.name} as a lead`,
      expect.stringMatching(
        new RegExp(`^The reminder for the webinar of .+ that Example Lead sent by hand finished: 3 sent$`),
      ),
      expect.stringMatching(/^Example Lead sent the reminder for the webinar of \d{1,2} [A-Z][a-z]+ \d{4} by hand$/),
      `Example Lead cancelled the webinar of ${cancelledDay}`,
      `Example Lead approved ${APPLICANT.name}\u2019s request and matched with ${MENTOR.name}`,
      `${APPLICANT.name} signed up to the buddy scheme as new to post`,
      `Example Lead approved ${MENTOR.name}\u2019s request to mentor`,
      `${MENTOR.name} signed up to the buddy scheme as a mentor`,
    ]);
  });

  it('gives every entry its full date and UK time, and holds no code names or ISO dates', async () => {
    const card = await cardFor(LEAD, 'audit log');
    const facts = factsIn(card);

    expect(facts).toHaveLength(10);
    for (const fact of facts) expect(fact.title).toMatch(FULL_DATE_TIME);
    expect(JSON.stringify(card)).toContain('The last 10 entries');
    expect(JSON.stringify(card)).not.toMatch(CODE_NAME);
    expect(JSON.stringify(card)).not.toMatch(ISO_DATE);
  });

  it('is for the leads only', async () => {
    expect(JSON.stringify(await cardFor(APPLICANT, 'audit log'))).toContain('Only the national MSO network lead');
  });
});

describe('"what do you hold about me"', () => {
  it('tells the applicant what the audit log holds about them, in the same words, from their side', async () => {
    const card = await cardFor(APPLICANT, 'what do you hold about me?');

    expect(factsIn(card, 'Audit entries naming you').map((fact) => fact.value)).toEqual([
      `Example Lead approved your request and matched with ${MENTOR.name}`,
      'You signed up to the buddy scheme as new to post',
    ]);
  });

  it('tells the mentor about the match from theirs, and the roles they were given', async () => {
    const card = await cardFor(MENTOR, 'what do you hold about me?');

    expect(factsIn(card, 'Audit entries naming you').map((fact) => fact.value)).toEqual([
      `A person the bot has no name for (\u20261a2b3c) removed you as a lead`,
      'Example Lead added you as a lead',
      `Example Lead approved ${APPLICANT.name}\u2019s request and matched with you`,
      'Example Lead approved your request to mentor',
      'You signed up to the buddy scheme as a mentor',
    ]);
  });

  it('dates its audit entries in full and holds no code names, ISO dates or cut dates anywhere', async () => {
    const card = await cardFor(APPLICANT, 'what do you hold about me?');

    for (const fact of factsIn(card, 'Audit entries naming you')) expect(fact.title).toMatch(FULL_DATE_TIME);
    expect(JSON.stringify(card)).not.toMatch(CODE_NAME);
    expect(JSON.stringify(card)).not.toMatch(ISO_DATE);
    expect(JSON.stringify(card)).not.toMatch(CUT_DATE);
    expect(JSON.stringify(card)).toMatch(/since \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d/);
  });
});
