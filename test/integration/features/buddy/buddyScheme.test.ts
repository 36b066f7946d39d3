import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import {
  cardAction,
  installationUpdate,
  message,
  personalChatId,
  teamChannel,
  type Person,
} from '../../../support/activities.js';
import { requestIdOf } from '../../../support/buddyRequests.js';
import { valuesOf } from '../../../support/cardElements.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';

const LEAD_A: Person = { id: '29:lead-a', name: 'Example Lead', aadObjectId: 'eeeeeeee-0000-4000-8000-00000000000a' };
const LEAD_B: Person = { id: '29:lead-b', name: 'Example Deputy', aadObjectId: 'eeeeeeee-0000-4000-8000-00000000000b' };

let bot: TestBot;
let serviceUrl: string;
let people = 0;

function newPerson(name = 'Sam Example'): Person {
  people += 1;
  const n = String(people).padStart(12, '0');
  return { id: `29:buddy-${n}`, name, aadObjectId: `bbbbbbbb-1111-4000-8000-${n}` };
}

const validSignUp = {
  wayIn: 'newToPost',
  organisation: 'Leeds Teaching Hospitals',
  region: '',
  monthsInRole: '3',
  focusAreas: 'safetyAlerts,data',
  capacity: '',
  preferredContact: 'teams',
  email: 'sam.example@example.org',
  note: 'New to post since September.',
  consent: 'true',
};

beforeAll(async () => {
  bot = await startTestBot({ LEAD_AAD_OBJECT_IDS: `${LEAD_A.aadObjectId},${LEAD_B.aadObjectId}` });
  serviceUrl = bot.connector.serviceUrl;
  for (const lead of [LEAD_A, LEAD_B]) await bot.post(installationUpdate('add', { serviceUrl, from: lead }));
});
afterAll(() => bot.close());
beforeEach(() => bot.connector.clear());

async function press(person: Person, verb: string, data: Record<string, unknown>, replyToId?: string) {
  const response = await bot.post({
    ...cardAction(verb, data, { serviceUrl, from: person }),
    ...(replyToId ? { replyToId } : {}),
  });
  return { status: response.status, text: JSON.stringify(response.body) };
}

/** Installs the bot for a person and sends their sign-up; returns their request id. */
async function signUp(person: Person, fields: Partial<typeof validSignUp> = {}): Promise<string> {
  await bot.post(installationUpdate('add', { serviceUrl, from: person }));
  const result = await press(
    person,
    VERBS.submitBuddySignUp,
    { ...validSignUp, ...fields },
    `sign-up-card-${person.id}`,
  );
  expect(result.text).toContain('Waiting for the national lead');
  return requestIdOf(bot.storage, person, (fields.wayIn ?? 'newToPost') as 'newToPost');
}

const sentTo = (person: Person) => JSON.stringify(bot.connector.sentCards(personalChatId(person)));

describe('signing up', () => {
  it('offers the sign-up card when someone asks to join, prefilled with where they work', async () => {
    const person = newPerson();
    await bot.post(message('I work at Leeds Teaching Hospitals', { serviceUrl, from: person }));
    bot.connector.clear();

    await bot.post(message('join the buddy scheme', { serviceUrl, from: person }));

    const card = JSON.stringify(bot.connector.sentCards());
    expect(card).toContain('Join the MSO buddy scheme');
    expect(card).toContain('"value":"Leeds Teaching Hospitals NHS Trust"');
    expect(card).toContain(`"verb":"${VERBS.submitBuddySignUp}"`);
  });

  it('preselects the way in from the words that opened it and fills in the work email Teams holds', async () => {
    const person = newPerson('Jamie Example');
    bot.connector.addMember({ ...person, email: 'jamie.example@example.org' });
    await bot.post(installationUpdate('add', { serviceUrl, from: person }));
    bot.connector.clear();

    await bot.post(message("I'm new in post and would like a buddy", { serviceUrl, from: person }));
    const newcomer = bot.connector.sentCards(personalChatId(person))[0];
    await bot.post(message('I would be happy to mentor a new MSO', { serviceUrl, from: person }));
    const mentor = bot.connector.sentCards(personalChatId(person))[1];

    expect(valuesOf(newcomer)).toMatchObject({ wayIn: 'newToPost', email: 'jamie.example@example.org' });
    expect(valuesOf(mentor)).toMatchObject({ wayIn: 'mentor' });
    expect(JSON.stringify(newcomer)).toContain('"type":"Input.Number","id":"monthsInRole"');
  });

  it('leaves the email to type when Teams gives none, and says months must be a number without cutting what was typed', async () => {
    const person = newPerson();
    await bot.post(installationUpdate('add', { serviceUrl, from: person }));
    bot.connector.clear();
    await bot.post(message('join the buddy scheme', { serviceUrl, from: person }));
    expect(valuesOf(bot.connector.sentCards(personalChatId(person))[0])).toMatchObject({ email: '', wayIn: '' });

    const result = await press(person, VERBS.submitBuddySignUp, { ...validSignUp, monthsInRole: 'three' });

    expect(result.text).toContain('Give the months you have been an MSO, as a whole number');
    expect(await bot.storage.buddyRequests.list({ userId: person.aadObjectId })).toEqual([]);
  });

  it('returns the same card with a message at each field to fix, keeps what was typed, and stores nothing', async () => {
    const person = newPerson();
    const result = await press(person, VERBS.submitBuddySignUp, {
      wayIn: 'mentor',
      monthsInRole: 'ten',
      email: 'not-an-email',
      note: 'x'.repeat(600),
      consent: 'false',
    });

    expect(result.status).toBe(200);
    for (const message of [
      'Give the months you have been an MSO',
      'Choose at least one focus area.',
      'Say how many buddies you can take',
      'Choose how you would like to be contacted.',
      'Give an email address',
      'Keep the note to 500 characters.',
      'Tick the box to agree',
      'Give your organisation or choose your region.',
    ])
      expect(result.text).toContain(message);
    expect(result.text).toContain('"value":"not-an-email"');
    expect(result.text).toContain('x'.repeat(600));
    expect(await bot.storage.buddyRequests.list({ userId: person.aadObjectId })).toEqual([]);
  });

  it('says which organisation it could not find, as typed and escaped', async () => {
    const result = await press(newPerson(), VERBS.submitBuddySignUp, {
      ...validSignUp,
      organisation: '**Nowhere** General',
    });

    expect(result.text).toContain('I could not find “\\\\*\\\\*Nowhere\\\\*\\\\* General”');
  });

  it('sends a valid request to every lead, and a second submit updates it rather than making another', async () => {
    const person = newPerson();
    const id = await signUp(person);
    expect(sentTo(LEAD_A)).toContain('Buddy scheme request: Sam Example');
    expect(sentTo(LEAD_B)).toContain('Buddy scheme request: Sam Example');
    bot.connector.clear();

    const again = await press(person, VERBS.submitBuddySignUp, { ...validSignUp, monthsInRole: '4' });

    expect(again.text).toContain('Your request has been updated.');
    const mine = await bot.storage.buddyRequests.list({ userId: person.aadObjectId });
    expect(mine.map((stored) => stored.request.id)).toEqual([id]);
    expect(mine[0]?.request.monthsInRole).toBe(4);
    expect(bot.connector.sentCards(personalChatId(LEAD_A))).toEqual([]);
  });

  it("keeps and updates the leads' copies when a pending request is resubmitted", async () => {
    const person = newPerson();
    const id = await signUp(person);
    bot.connector.clear();

    await press(person, VERBS.submitBuddySignUp, { ...validSignUp, monthsInRole: '5' }, `sign-up-card-${person.id}`);

    expect((await bot.storage.buddyRequests.get(id))?.cardCopies).toHaveLength(3);
    const updated = bot.connector.calls
      .filter((call) => call.kind === 'update')
      .map((call) => JSON.stringify(call.body));
    expect(updated).toHaveLength(2);
    expect(updated[0]).toContain('5 months');
  });

  it('answers someone who is neither a lead nor the applicant as if the request did not exist', async () => {
    const applicant = newPerson();
    const id = await signUp(applicant, { note: 'Private note' });

    const seen = await press(newPerson('Nosy Example'), VERBS.refreshBuddyRequest, { requestId: id });
    const missing = await press(newPerson('Nosy Example'), VERBS.refreshBuddyRequest, {
      requestId: `newToPost.${'A'.repeat(22)}`,
    });

    expect(seen.status).toBe(404);
    expect(seen.text).toBe(missing.text);
    expect(seen.text).not.toContain(applicant.name);
    expect(seen.text).not.toContain('Private note');
    expect((await press(applicant, VERBS.refreshBuddyRequest, { requestId: id })).text).toContain(
      'Waiting for the national lead',
    );
  });

  it("gives request ids that cannot be worked out from the person's id", async () => {
    const applicant = newPerson();
    const id = await signUp(applicant);

    expect(id).not.toContain(Buffer.from(applicant.aadObjectId).toString('base64url'));
    expect(id).not.toContain(applicant.aadObjectId);
    expect(id).toMatch(/^newToPost\.[\w-]{22}$/);
  });

  it('cuts a display name to 100 characters and drops direction overrides before it reaches a card', async () => {
    const person = { ...newPerson(), name: `\u202eRobin\u2066 ${'Example'.repeat(140)}` };
    const id = await signUp(person);

    const stored = await bot.storage.buddyRequests.get(id);
    expect(stored?.request.name).toMatch(/^Robin Example/);
    expect(Array.from(stored?.request.name ?? '').length).toBeLessThanOrEqual(100);
    const card = sentTo(LEAD_A);
    expect(card).not.toMatch(/[\u202e\u2066]/);
    expect(card).toContain('Robin Example');
    expect(card).not.toContain('Example'.repeat(15));
  });

  it('shows names and notes as typed, never as formatting or links', async () => {
    const person = { ...newPerson(), name: '**Sam** [Example](https://evil.example)' };
    await signUp(person, { note: '<b>hello</b> [x](https://evil.example)' });

    const card = sentTo(LEAD_A);
    expect(card).toContain('Buddy scheme request: \\\\*\\\\*Sam\\\\*\\\\* \\\\[Example\\\\]');
    expect(card).toContain('Note: \\\\<b\\\\>hello');
  });

  it.each([VERBS.refreshBuddyRequest, VERBS.withdrawBuddyRequest, VERBS.decideBuddyRequest])(
    'answers a malformed request id on %s with a 400',
    async (verb) => {
      expect((await press(LEAD_A, verb, { requestId: 'a/b', decision: 'approve' })).status).toBe(400);
    },
  );

  it('shows a person their request and lets them withdraw it, and only them', async () => {
    const person = newPerson();
    const id = await signUp(person);
    const stranger = await press(newPerson('Nosy Example'), VERBS.withdrawBuddyRequest, { requestId: id });
    expect(stranger.status).toBe(404);

    const withdrawn = await press(person, VERBS.withdrawBuddyRequest, { requestId: id });

    expect(withdrawn.text).toContain('Your request has been withdrawn.');
    expect((await bot.storage.buddyRequests.get(id))?.request.status).toBe('withdrawn');
  });
});

describe('deciding', () => {
  it('runs the whole flow: a mentor and an MSO sign up, the lead approves with the suggested buddy, both are introduced', async () => {
    const mentor = newPerson('Robin Example');
    const mentorId = await signUp(mentor, { wayIn: 'mentor', monthsInRole: '96', capacity: '2', focusAreas: 'data' });
    await press(LEAD_A, VERBS.decideBuddyRequest, { requestId: mentorId, decision: 'approve' });

    const mentee = newPerson('Sam Example');
    const menteeId = await signUp(mentee);
    const leadCard = sentTo(LEAD_A);
    expect(leadCard).toContain('Suggested buddies, best match first');
    expect(leadCard).toContain(
      'Robin Example: same region; shares Data and dashboards; 2 places left; 7 years more in role',
    );
    expect(leadCard).toContain('"userIds":["29:lead-a","29:lead-b"]');
    bot.connector.clear();

    const approved = await press(LEAD_A, VERBS.decideBuddyRequest, {
      requestId: menteeId,
      decision: 'approve',
      mentor: mentorId,
    });

    expect(approved.status).toBe(200);
    expect(approved.text).toContain('Matched with Robin Example by Example Lead');
    expect(approved.text).toMatch(/"title":"Buddy","value":"Robin Example, since /);
    expect(approved.text).toContain('"title":"Chat with Robin Example"');
    expect(sentTo(mentee)).toContain('Your buddy scheme request was approved');
    expect(sentTo(mentee)).toContain('Meet your buddy: Robin Example');
    expect(sentTo(mentor)).toContain('Meet your new buddy: Sam Example');
    expect(sentTo(mentor)).toContain('https://teams.microsoft.com/l/chat/0/0?users=sam.example%40example.org');
    expect((await bot.storage.buddyRequests.get(mentorId))?.request.capacityLeft).toBe(1);
    const leadBCopy = bot.connector.calls.find(
      (call) => call.kind === 'update' && call.conversationId === personalChatId(LEAD_B),
    );
    expect(JSON.stringify(leadBCopy?.body)).toContain('Matched with Robin Example by Example Lead');
    const ownCard = bot.connector.calls.find(
      (call) => call.kind === 'update' && call.activityId === `sign-up-card-${mentee.id}`,
    );
    expect(ownCard?.conversationId).toBe(personalChatId(mentee));
    expect(JSON.stringify(ownCard?.body)).toContain('Matched with Robin Example by Example Lead');
    const audit = await bot.storage.audit.latest(5);
    expect(audit.map((entry) => entry.action)).toContain('buddy.match');
  });

  it('refuses an approve forged by someone who is not a lead, and changes nothing', async () => {
    const id = await signUp(newPerson());
    const forger = newPerson('Forger Example');

    const forged = await press(forger, VERBS.decideBuddyRequest, {
      requestId: id,
      decision: 'approve',
      lead: true,
      leadAadObjectId: LEAD_A.aadObjectId,
    });

    expect(forged.status).toBe(403);
    expect((await bot.storage.buddyRequests.get(id))?.request.status).toBe('pending');
  });

  it('makes exactly one decision when two leads click at once', async () => {
    const id = await signUp(newPerson());

    const [a, b] = await Promise.all([
      press(LEAD_A, VERBS.decideBuddyRequest, { requestId: id, decision: 'approve' }),
      press(LEAD_B, VERBS.decideBuddyRequest, { requestId: id, decision: 'decline', reason: 'Full this quarter' }),
    ]);

    const stored = await bot.storage.buddyRequests.get(id);
    const winner = stored?.request.decision?.byName;
    expect(['Example Lead', 'Example Deputy']).toContain(winner);
    const loser = winner === 'Example Lead' ? b : a;
    expect(loser.text).toMatch(/Already (approved|declined) by /);
    const decisions = (await bot.storage.audit.latest(50)).filter(
      (entry) => entry.subject === id && entry.action !== 'buddy.signUp',
    );
    expect(decisions).toHaveLength(1);
  });

  it('tells a lead who clicks twice that it is already decided', async () => {
    const id = await signUp(newPerson());
    await press(LEAD_A, VERBS.decideBuddyRequest, { requestId: id, decision: 'approve' });

    const twice = await press(LEAD_A, VERBS.decideBuddyRequest, { requestId: id, decision: 'approve' });

    expect(twice.text).toContain('Already approved by Example Lead at');
  });

  it('needs a reason to decline, and tells the applicant the reason', async () => {
    const person = newPerson();
    const id = await signUp(person);
    const noReason = await press(LEAD_A, VERBS.decideBuddyRequest, { requestId: id, decision: 'decline' });
    expect(noReason.text).toContain('Give a reason for declining');
    expect((await bot.storage.buddyRequests.get(id))?.request.status).toBe('pending');
    bot.connector.clear();

    await press(LEAD_A, VERBS.decideBuddyRequest, {
      requestId: id,
      decision: 'decline',
      reason: 'The scheme is full this quarter.',
    });

    expect(sentTo(person)).toContain('Reason: The scheme is full this quarter.');
  });

  it.each([
    ['card data from an old card', { decision: 'approve' }, 400],
    ['a request id that does not exist', { requestId: 'newToPost.nobody', decision: 'approve' }, 404],
    ['a decision that does not exist', { requestId: 'x', decision: 'maybe' }, 400],
  ])('answers %s with a clear error, never a 5xx', async (_case, data, status) => {
    expect((await press(LEAD_A, VERBS.decideBuddyRequest, data)).status).toBe(status);
  });

  it('lists pending requests for a lead, and not for anyone else', async () => {
    await signUp(newPerson('Pending Example'));
    bot.connector.clear();

    await bot.post(message('pending requests', { serviceUrl, from: LEAD_B }));
    expect(sentTo(LEAD_B)).toContain('Buddy scheme request: Pending Example');

    const someone = newPerson();
    await bot.post(message('pending requests', { serviceUrl, from: someone }));
    expect(JSON.stringify(bot.connector.sentCards(personalChatId(someone)))).toContain(
      'Only the national MSO network lead and deputies can see this.',
    );
  });

  it('keeps pending requests out of a team channel, even for a lead', async () => {
    await signUp(newPerson('Private Example'));
    bot.connector.clear();

    await bot.post(message('pending requests', { serviceUrl, from: LEAD_A, conversation: teamChannel }));

    const card = JSON.stringify(bot.connector.sentCards(teamChannel.id));
    expect(card).toContain('Ask me in our personal chat');
    expect(card).not.toContain('Private Example');
  });

  it('gives a lead the scheme summary by status and region', async () => {
    await bot.post(message('buddy scheme summary', { serviceUrl, from: LEAD_A }));

    const card = sentTo(LEAD_A);
    expect(card).toContain('The buddy scheme in numbers');
    expect(card).toContain('North East and Yorkshire');
  });
});
