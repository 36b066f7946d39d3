import { TableServiceClient, TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toTableKey } from '../../../../src/platform/storage/tableKeys.js';
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

// Fictional people with names and details that appear nowhere else in the suite.
const ERASED: Person = {
  id: '29:erasure-person',
  name: 'Quill Erasmus-Example',
  aadObjectId: 'cccccccc-9999-4000-8000-000000000e01',
};
const MENTOR: Person = {
  id: '29:erasure-mentor',
  name: 'Robin Keeper-Example',
  aadObjectId: 'cccccccc-9999-4000-8000-000000000e02',
};
const ERASED_EMAIL = 'quill.erasmus@example.org';
const ERASED_NOTE = 'Started on the wards in October; keen on insulin safety.';
const channel = { id: '19:erasure-channel@thread.tacv2', conversationType: 'channel' } as const;

let bot: TestBot;
let serviceUrl: string;

const signUp = (person: Person, fields: Record<string, string>) =>
  bot.post({
    ...cardAction(
      VERBS.submitBuddySignUp,
      {
        organisation: 'Leeds Teaching Hospitals',
        region: '',
        monthsInRole: '3',
        focusAreas: 'highRiskMedicines,data',
        capacity: '',
        preferredContact: 'teams',
        consent: 'true',
        ...fields,
      },
      { serviceUrl, from: person },
    ),
    replyToId: `sign-up-${person.id}`,
  });
const press = (person: Person, verb: string, data: Record<string, unknown>) =>
  bot.post(cardAction(verb, data, { serviceUrl, from: person }));
const cardsTo = (person: Person) => JSON.stringify(bot.connector.sentCards(personalChatId(person)));

/** Every entity in every table of this test's storage, as JSON text. */
async function everyStoredEntity(): Promise<string[]> {
  const connectionString = inject('tablesConnectionString');
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
  const prefix = bot.tablePrefix;
  const texts: string[] = [];
  for await (const table of service.listTables()) {
    if (!table.name?.startsWith(prefix)) continue;
    const client = TableClient.fromConnectionString(connectionString, table.name, { allowInsecureConnection: true });
    for await (const entity of client.listEntities()) texts.push(`${table.name} ${JSON.stringify(entity)}`);
  }
  return texts;
}

beforeAll(async () => {
  bot = await startTestBot({
    LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
    WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
    REMINDER_OFFSETS: '1m',
  });
  serviceUrl = bot.connector.serviceUrl;
  for (const person of [LEAD, ERASED, MENTOR]) await bot.post(installationUpdate('add', { serviceUrl, from: person }));
  // The person also added the bot to a channel, and said where they work.
  await bot.post(installationUpdate('add', { serviceUrl, from: ERASED, conversation: channel }));
  await bot.post(message('I work at Leeds Teaching Hospitals', { serviceUrl, from: ERASED }));
  // A mentor, approved; the person signs up, and the lead approves them with that mentor.
  await signUp(MENTOR, { wayIn: 'mentor', capacity: '2', email: 'robin.keeper@example.org', note: '' });
  const mentorId = await requestIdOf(bot.storage, MENTOR, 'mentor');
  await press(LEAD, VERBS.decideBuddyRequest, { requestId: mentorId, decision: 'approve' });
  await signUp(ERASED, { wayIn: 'newToPost', email: ERASED_EMAIL, note: ERASED_NOTE });
  await press(LEAD, VERBS.decideBuddyRequest, {
    requestId: await requestIdOf(bot.storage, ERASED, 'newToPost'),
    decision: 'approve',
    mentor: mentorId,
  });
  // A reminder went to everyone, so the outbox has a row for the person's chat.
  bot.connector.clear();
  await bot.post(message('send webinar reminder now', { serviceUrl, from: LEAD }));
  const confirm = bot.connector.sentCards(personalChatId(LEAD))[0];
  const data = (confirm?.actions as { data?: Record<string, unknown> }[] | undefined)?.[0]?.data ?? {};
  await press(LEAD, VERBS.confirmReminderNow, data);
  await waitFor(() => (cardsTo(LEAD).includes('Webinar reminder report') ? true : undefined), 'the reminder report');
});
afterAll(() => bot.close());

describe('"what do you hold about me"', () => {
  it('shows every record on one card: where they work, their chat, reminders, their request and their buddy', async () => {
    bot.connector.clear();
    await bot.post(message('what do you hold about me?', { serviceUrl, from: ERASED }));
    const card = cardsTo(ERASED);

    expect(card).toContain('What the bot holds about you');
    expect(card).toContain('Leeds Teaching Hospitals NHS Trust');
    expect(card).toContain('Webinar reminders');
    expect(card).toContain(ERASED_EMAIL);
    expect(card).toContain(ERASED_NOTE);
    expect(card).toContain(MENTOR.name);
    expect(card).toContain('You signed up to the buddy scheme as new to post');
  });

  it('is refused in a channel, where others would see it', async () => {
    bot.connector.clear();
    await bot.post(message('what do you hold about me?', { serviceUrl, from: ERASED, conversation: channel }));

    expect(JSON.stringify(bot.connector.sentCards(channel.id))).not.toContain(ERASED_EMAIL);
  });
});

describe('"delete my data"', () => {
  it('asks to confirm first, and erases nothing until then', async () => {
    bot.connector.clear();
    await bot.post(message('delete my data', { serviceUrl, from: ERASED }));

    expect(cardsTo(ERASED)).toContain('Delete everything the bot holds about you?');
    expect(cardsTo(ERASED)).toContain(VERBS.eraseMyData);
    expect(await bot.storage.profiles.get(ERASED.aadObjectId)).toBeDefined();
  });

  it('erases the person: nothing with their id, name, email or note is left in any table', async () => {
    bot.connector.clear();
    const response = await press(ERASED, VERBS.eraseMyData, {});
    expect(JSON.stringify(response.body)).toContain('Your data has been deleted');

    const conversationId = personalChatId(ERASED);
    const traces = [
      ERASED.aadObjectId,
      ERASED.id,
      toTableKey(ERASED.aadObjectId),
      conversationId,
      toTableKey(conversationId),
      ERASED.name,
      ERASED_EMAIL,
      ERASED_NOTE,
    ];
    const stored = await everyStoredEntity();
    expect(stored.length).toBeGreaterThan(10);
    for (const trace of traces)
      expect(
        stored.filter((text) => text.includes(trace)),
        trace,
      ).toEqual([]);
  });

  it('tells the matched buddy only that the pairing ended, and frees their place', async () => {
    const told = cardsTo(MENTOR);
    expect(told).toContain('Your buddy scheme pairing has ended');
    expect(told).not.toContain(ERASED.name);

    const mentor = await bot.storage.buddyRequests.get(await requestIdOf(bot.storage, MENTOR, 'mentor'));
    expect(mentor?.request).toMatchObject({ pairedWith: [], capacityLeft: 2 });
  });

  it("turns the leads' copies of the request card into a notice without details", () => {
    const updates = bot.connector.calls.filter(
      (call) => call.kind === 'update' && call.conversationId === personalChatId(LEAD),
    );
    expect(JSON.stringify(updates.map((call) => call.body))).toContain('Buddy scheme request withdrawn');
    expect(JSON.stringify(updates.map((call) => call.body))).not.toContain(ERASED.name);
  });

  it("leaves one audit entry of the erasure, under a pseudonym, and keeps the history's shape", async () => {
    const entries = await bot.storage.audit.latest(50);
    const erasure = entries.find((entry) => entry.action === 'data.erase');

    expect(erasure?.actor).toMatch(/^erased-[0-9a-f]{12}$/);
    expect(entries.filter((entry) => entry.actor === erasure?.actor).map((entry) => entry.action)).toEqual([
      'data.erase',
      'buddy.signUp',
    ]);
  });
});

describe('"audit log"', () => {
  it('shows a lead the latest entries in plain words, with the erased person as "an erased person"', async () => {
    bot.connector.clear();
    await bot.post(message('audit log', { serviceUrl, from: LEAD }));
    const card = cardsTo(LEAD);

    for (const line of [
      'A person\u2019s data was erased at their request',
      'that Example Lead sent by hand finished',
      'Example Lead sent the reminder for the webinar of',
      `Example Lead approved an erased person\u2019s request and matched with ${MENTOR.name}`,
      'An erased person signed up to the buddy scheme',
      `Example Lead approved ${MENTOR.name}\u2019s request to mentor`,
    ]) {
      expect(card).toContain(line);
    }
    expect(card).not.toContain(ERASED.name);
  });

  it('is for the leads only', async () => {
    bot.connector.clear();
    await bot.post(message('audit log', { serviceUrl, from: MENTOR }));

    expect(cardsTo(MENTOR)).toContain('Only the national MSO network lead');
  });
});

describe('erasing a mentor with a buddy', () => {
  const LEAVING: Person = {
    id: '29:erasure-leaving-mentor',
    name: 'Wren Departing-Example',
    aadObjectId: 'cccccccc-9999-4000-8000-000000000e03',
  };
  const STAYING: Person = {
    id: '29:erasure-staying-mentee',
    name: 'Ash Staying-Example',
    aadObjectId: 'cccccccc-9999-4000-8000-000000000e04',
  };
  const MENTOR_NOTE = 'Wren would rather meet on Fridays.';
  const MENTEE_NOTE = 'Ash finds the calls useful.';

  it('ends the pairing for the mentee, who keeps their own check-in answers and may ask again; the mentor’s answers go', async () => {
    for (const person of [LEAVING, STAYING]) await bot.post(installationUpdate('add', { serviceUrl, from: person }));
    await signUp(LEAVING, { wayIn: 'mentor', capacity: '1', monthsInRole: '90', email: 'wren@example.org', note: '' });
    const mentorId = await requestIdOf(bot.storage, LEAVING, 'mentor');
    await press(LEAD, VERBS.decideBuddyRequest, { requestId: mentorId, decision: 'approve' });
    await signUp(STAYING, { wayIn: 'newToPost', email: 'ash@example.org', note: '' });
    const menteeId = await requestIdOf(bot.storage, STAYING, 'newToPost');
    await press(LEAD, VERBS.decideBuddyRequest, { requestId: menteeId, decision: 'approve', mentor: mentorId });
    // A 4-week check-in both answered, as the check-in card stores it.
    const matched = await bot.storage.buddyRequests.get(menteeId);
    const pairing = matched?.request.pairings?.[0];
    if (!matched || !pairing) throw new Error('the pair was not matched');
    const at = new Date().toISOString();
    const checkIn = {
      week: 4,
      sentTo: { mentee: at, mentor: at },
      answers: {
        mentee: { answer: 'goingWell' as const, note: MENTEE_NOTE, at },
        mentor: { answer: 'notMet' as const, note: MENTOR_NOTE, at },
      },
    };
    await bot.storage.buddyRequests.replace(
      { ...matched.request, pairings: [{ ...pairing, checkIns: [checkIn] }] },
      matched.etag,
      matched.cardCopies,
    );
    bot.connector.clear();
    await bot.post(message('what do you hold about me', { serviceUrl, from: LEAVING }));
    expect(cardsTo(LEAVING)).toContain(MENTOR_NOTE);
    expect(cardsTo(LEAVING)).toContain(`with ${STAYING.name}`);
    expect(cardsTo(LEAVING)).not.toContain(MENTEE_NOTE);
    bot.connector.clear();

    await press(LEAVING, VERBS.eraseMyData, {});

    const mentee = (await bot.storage.buddyRequests.get(menteeId))?.request;
    expect(mentee?.status).toBe('ended');
    expect(mentee?.pairings?.[0]?.checkIns[0]?.answers).toEqual({ mentee: checkIn.answers.mentee });
    const told = cardsTo(STAYING);
    expect(told).toContain('Your buddy scheme pairing has ended');
    expect(told).toContain('Ask for a new buddy');
    expect(told).not.toContain(LEAVING.name);
    const stored = await everyStoredEntity();
    for (const trace of [LEAVING.aadObjectId, LEAVING.name, MENTOR_NOTE, mentorId])
      expect(
        stored.filter((text) => text.includes(trace)),
        trace,
      ).toEqual([]);
  });
});
