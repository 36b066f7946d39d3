import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import { cardAction, installationUpdate, message, personalChatId, type Person } from '../../../support/activities.js';
import { requestIdOf } from '../../../support/buddyRequests.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';

const LEAD: Person = { id: '29:lead-m', name: 'Example Lead', aadObjectId: 'eeeeeeee-7777-4000-8000-00000000000a' };
const DEPUTY: Person = { id: '29:lead-d', name: 'Example Deputy', aadObjectId: 'eeeeeeee-7777-4000-8000-00000000000d' };

let bot: TestBot;
let serviceUrl: string;
let people = 0;

function newPerson(name: string): Person {
  people += 1;
  const n = String(people).padStart(12, '0');
  return { id: `29:after-${n}`, name, aadObjectId: `bbbbbbbb-7777-4000-8000-${n}` };
}

const signUpFields = {
  wayIn: 'newToPost',
  organisation: 'Leeds Teaching Hospitals',
  region: '',
  monthsInRole: '3',
  focusAreas: 'safetyAlerts',
  capacity: '',
  preferredContact: 'teams',
  email: 'person@example.org',
  note: '',
  consent: 'true',
};

beforeAll(async () => {
  bot = await startTestBot({ LEAD_AAD_OBJECT_IDS: `${LEAD.aadObjectId},${DEPUTY.aadObjectId}` });
  serviceUrl = bot.connector.serviceUrl;
  for (const lead of [LEAD, DEPUTY]) await bot.post(installationUpdate('add', { serviceUrl, from: lead }));
});
afterAll(() => bot.close());
beforeEach(() => bot.connector.clear());

async function press(person: Person, verb: string, data: Record<string, unknown>) {
  const response = await bot.post(cardAction(verb, data, { serviceUrl, from: person }));
  return { status: response.status, text: JSON.stringify(response.body) };
}

async function say(person: Person, text: string): Promise<string> {
  bot.connector.clear();
  await bot.post(message(text, { serviceUrl, from: person }));
  return JSON.stringify(bot.connector.sentCards(personalChatId(person)));
}

const sentTo = (person: Person) => JSON.stringify(bot.connector.sentCards(personalChatId(person)));

/** Signs a person up one way in and has the lead approve it (matching them with `mentorId`, if given). */
async function approved(
  person: Person,
  fields: Partial<typeof signUpFields>,
  mentorId?: string,
): Promise<{ id: string; text: string }> {
  await bot.post(installationUpdate('add', { serviceUrl, from: person }));
  await press(person, VERBS.submitBuddySignUp, {
    ...signUpFields,
    email: `${person.id.slice(3)}@example.org`,
    ...fields,
  });
  const id = await requestIdOf(bot.storage, person, (fields.wayIn ?? 'newToPost') as 'newToPost');
  const decided = await press(LEAD, VERBS.decideBuddyRequest, {
    requestId: id,
    decision: 'approve',
    ...(mentorId ? { mentor: mentorId } : {}),
  });
  return { id, text: decided.text };
}

const mentorFields = { wayIn: 'mentor', monthsInRole: '96', capacity: '1' };

describe('a matched pair', () => {
  it('is named, with when it started and a chat link, on the applicant’s, the mentor’s and the leads’ cards', async () => {
    const mentor = newPerson('Robin Example');
    const { id: mentorId } = await approved(mentor, mentorFields);
    const mentee = newPerson('Sam Example');
    const { text: leadCard } = await approved(mentee, {}, mentorId);

    expect(leadCard).toContain('Matched with Robin Example by Example Lead');
    expect(leadCard).toMatch(/"title":"Buddy","value":"Robin Example, since \d/);
    expect(leadCard).toContain('"title":"Chat with Robin Example"');
    const menteeCard = await say(mentee, 'who is my buddy');
    expect(menteeCard).toContain('Your buddy since');
    expect(menteeCard).toContain('Robin Example');
    expect(menteeCard).toContain('https://teams.microsoft.com/l/chat/0/0?users=');
    const mentorCard = await say(mentor, 'my buddies');
    expect(mentorCard).toContain('Your mentee since');
    expect(mentorCard).toContain('Sam Example');
    const mentorRequest = await say(mentor, 'my buddy request');
    expect(mentorRequest).toMatch(/"title":"Mentee","value":"Sam Example, since \d/);
    const pairs = await say(LEAD, 'buddy pairs');
    expect(pairs).toContain('Sam Example with Robin Example (mentor)');
    expect(pairs).toContain('Yorkshire');
  });

  it('is listed for leads only', async () => {
    const stranger = newPerson('Kim Example');
    await bot.post(installationUpdate('add', { serviceUrl, from: stranger }));
    const answer = await say(stranger, 'buddy pairs');
    expect(answer).toContain('Only the national MSO network lead and deputies can see this.');
    expect(answer).not.toContain('with Robin Example (mentor)');
  });
});

describe('ending a pairing', () => {
  it('by the mentee tells the mentor only that it ended, gives the leads the reason, frees the place, and never pairs them again', async () => {
    const mentor = newPerson('Alex Example');
    const { id: mentorId } = await approved(mentor, mentorFields);
    const mentee = newPerson('Jo Example');
    const { id: menteeId } = await approved(mentee, {}, mentorId);
    bot.connector.clear();

    const ended = await press(mentee, VERBS.endBuddyPairing, {
      pair: `${menteeId} ${mentorId}`,
      reason: 'Our working hours never overlap.',
      view: 'own',
    });

    expect(ended.text).toContain('The pairing has ended');
    expect(sentTo(mentor)).toContain('Your pairing with Jo Example has ended');
    expect(sentTo(mentor)).not.toContain('working hours');
    expect(sentTo(LEAD)).toContain('A buddy pairing has ended');
    expect(sentTo(LEAD)).toContain('Our working hours never overlap.');
    expect((await bot.storage.buddyRequests.get(mentorId))?.request).toMatchObject({
      capacityLeft: 1,
      status: 'approved',
    });
    expect((await bot.storage.buddyRequests.get(menteeId))?.request.status).toBe('ended');

    bot.connector.clear();
    const asked = await press(mentee, VERBS.askForNewBuddy, { requestId: menteeId });
    expect(asked.text).toContain('you are back in the queue for a buddy');
    expect(asked.text).toMatch(/You are waiting for a buddy: number \d+ in the queue/);
    // The leads get the request again, without the mentor the pair already had.
    expect(sentTo(LEAD)).toContain('Buddy scheme request: Jo Example');
    expect(sentTo(LEAD)).not.toContain('Alex Example:');
    const rematch = await press(LEAD, VERBS.matchBuddyRequest, { requestId: menteeId, mentor: mentorId });
    expect(rematch.text).toContain('can no longer take a buddy');
  });

  it('by the mentor tells the mentee only that it ended, and lets them ask for a new buddy', async () => {
    const mentor = newPerson('Drew Example');
    const { id: mentorId } = await approved(mentor, mentorFields);
    const mentee = newPerson('Max Example');
    const { id: menteeId } = await approved(mentee, {}, mentorId);
    bot.connector.clear();

    const ended = await press(mentor, VERBS.endBuddyPairing, {
      pair: `${menteeId} ${mentorId}`,
      reason: 'I am moving to another role.',
      view: 'own',
    });

    expect(ended.text).toContain('The pairing has ended');
    expect(sentTo(mentee)).toContain('Your pairing with Drew Example has ended');
    expect(sentTo(mentee)).toContain('Ask for a new buddy');
    expect(sentTo(mentee)).not.toContain('another role');
    expect(sentTo(LEAD)).toContain('I am moving to another role.');
    expect(await say(mentee, 'who is my buddy')).toContain('Your last pairing ended on');
  });

  it('by the mentee of a lead who mentors sends the reason to the other leads, never to the mentor', async () => {
    const mentee = newPerson('Noor Example');
    const mentorId = (await approved(DEPUTY, { ...mentorFields, capacity: '3' })).id;
    const { id: menteeId } = await approved(mentee, {}, mentorId);
    bot.connector.clear();

    await press(mentee, VERBS.endBuddyPairing, {
      pair: `${menteeId} ${mentorId}`,
      reason: 'Something private about my mentor.',
      view: 'own',
    });

    expect(sentTo(LEAD)).toContain('Something private about my mentor.');
    expect(sentTo(DEPUTY)).toContain('Your pairing with Noor Example has ended');
    expect(sentTo(DEPUTY)).not.toContain('Something private');
  });

  it('by a lead tells both that it ended; anyone else is refused and nothing changes', async () => {
    const mentor = newPerson('Chris Example');
    const { id: mentorId } = await approved(mentor, mentorFields);
    const mentee = newPerson('Lee Example');
    const { id: menteeId } = await approved(mentee, {}, mentorId);
    const stranger = newPerson('Pat Example');
    await bot.post(installationUpdate('add', { serviceUrl, from: stranger }));

    const forged = await press(stranger, VERBS.endBuddyPairing, { pair: `${menteeId} ${mentorId}`, reason: 'x' });
    expect(forged.status).toBe(403);
    expect((await bot.storage.buddyRequests.get(menteeId))?.request.status).toBe('matched');

    const noReason = await press(LEAD, VERBS.endBuddyPairing, { pair: `${menteeId} ${mentorId}`, view: 'leads' });
    expect(noReason.text).toContain('Say why the pairing is ending');
    bot.connector.clear();
    const ended = await press(LEAD, VERBS.endBuddyPairing, {
      pair: `${menteeId} ${mentorId}`,
      reason: 'Asked for by both by email.',
      view: 'leads',
    });
    expect(ended.text).toContain('Both have been told it ended');
    expect(ended.text).toContain('Buddy pairs');
    expect(sentTo(mentee)).toContain('Your pairing with Chris Example has ended');
    expect(sentTo(mentee)).toContain('Ask for a new buddy');
    expect(sentTo(mentor)).toContain('Your pairing with Lee Example has ended');
    const audit = await bot.storage.audit.latest(5);
    expect(audit.map((entry) => entry.action)).toContain('buddy.endPairing');
  });
});

describe('pausing mentoring and the waiting list', () => {
  it('keeps a paused mentor out of the suggestions, and offers the oldest waiting applicant to the leads on resuming', async () => {
    const mentor = newPerson('Morgan Example');
    await approved(mentor, { ...mentorFields, organisation: 'Barts Health', capacity: '2' });
    const paused = await press(mentor, VERBS.pauseMentoring, { paused: 'true' });
    expect(paused.text).toContain('Mentoring paused');

    const waiting = newPerson('Ali Example');
    const { id: waitingId, text } = await approved(waiting, { organisation: 'Barts Health' });
    expect(text).not.toContain('Morgan Example:');
    expect(text).toContain('Waiting for a buddy: number');
    expect(sentTo(waiting)).toMatch(/You are waiting for a buddy: number \d+ in the queue/);
    expect((await bot.storage.buddyRequests.get(waitingId))?.request.status).toBe('approved');

    bot.connector.clear();
    const resumed = await press(mentor, VERBS.pauseMentoring, { paused: 'false' });
    expect(resumed.text).toContain('Mentoring resumed');
    const offers = bot.connector
      .sentCards(personalChatId(LEAD))
      .map((card) => JSON.stringify(card))
      .filter((card) => card.includes('A buddy is now available for'));
    expect(offers.some((card) => card.includes('A buddy is now available for Ali Example'))).toBe(true);
    expect(offers.every((card) => card.includes('Morgan Example:'))).toBe(true);
    const summary = await say(LEAD, 'buddy scheme summary');
    expect(summary).toMatch(/"title":"Waiting for a buddy","value":"\d+, the longest for 0 days"/);
    expect(summary).toMatch(
      /"title":"North East and Yorkshire","value":"\d+ requests, \d+ waiting, [1-9]\d* active pairs?"/,
    );
  });
});
