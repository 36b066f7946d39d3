import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/features/verbs.js';
import {
  cardAction,
  installationUpdate,
  LEAD,
  message,
  personalChatId,
  teamChannel,
  type Person,
} from '../support/activities.js';
import { requestIdOf } from '../support/buddyRequests.js';
import { startTestBot, type TestBot } from '../support/testBot.js';
import { waitFor } from '../support/waitFor.js';

// Distinctive fictional details, so any of them turning up in a log line is found.
const PERSON: Person = {
  id: '29:log-hygiene-person',
  name: 'Marigold Logless-Example',
  aadObjectId: 'dddddddd-7777-4000-8000-000000000001',
};
const MENTOR: Person = {
  id: '29:log-hygiene-mentor',
  name: 'Thaddeus Quietly-Example',
  aadObjectId: 'dddddddd-7777-4000-8000-000000000002',
};
const EMAIL = 'marigold.logless@example.org';
const NOTE = 'Worried about the zebrafinch insulin pens on ward nine';
const TYPED = [
  'I work at Leeds Teaching Hospitals and my name is Marigold',
  'who is my regional lead, asks Marigold',
  'quixotic albatross cannot be understood',
];

let bot: TestBot;
let serviceUrl: string;
const logs: string[] = [];
const press = (person: Person, verb: string, data: Record<string, unknown>) =>
  bot.post(cardAction(verb, data, { serviceUrl, from: person }));

beforeAll(async () => {
  bot = await startTestBot(
    {
      LOG_LEVEL: 'trace',
      LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
      WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
      REMINDER_OFFSETS: '1m',
    },
    { logs },
  );
  serviceUrl = bot.connector.serviceUrl;

  // A full flow: installs, questions, a buddy sign-up with a note, a decision, a question to the lead, a reminder, an erasure, a failure.
  for (const person of [LEAD, PERSON, MENTOR]) await bot.post(installationUpdate('add', { serviceUrl, from: person }));
  await bot.post(installationUpdate('add', { serviceUrl, from: PERSON, conversation: teamChannel }));
  for (const text of TYPED) await bot.post(message(text, { serviceUrl, from: PERSON }));
  const signUp = {
    organisation: 'Leeds Teaching Hospitals',
    region: '',
    monthsInRole: '3',
    focusAreas: 'data',
    preferredContact: 'email',
    consent: 'true',
  };
  await press(MENTOR, VERBS.submitBuddySignUp, {
    ...signUp,
    wayIn: 'mentor',
    capacity: '1',
    email: 'thaddeus.quietly@example.org',
    note: NOTE,
  });
  await press(PERSON, VERBS.submitBuddySignUp, {
    ...signUp,
    wayIn: 'newToPost',
    capacity: '',
    email: EMAIL,
    note: NOTE,
  });
  await press(LEAD, VERBS.decideBuddyRequest, {
    requestId: await requestIdOf(bot.storage, MENTOR, 'mentor'),
    decision: 'approve',
  });
  await press(LEAD, VERBS.decideBuddyRequest, {
    requestId: await requestIdOf(bot.storage, PERSON, 'newToPost'),
    decision: 'decline',
    reason: `Sorry ${PERSON.name}, ${NOTE}`,
  });
  // A question to the national lead, answered, followed up and closed: its words are the note's.
  const question = { requestId: 'Q-MQGSH7', question: NOTE, topic: 'other' };
  await press(PERSON, VERBS.submitSupportQuestion, question);
  await press(LEAD, VERBS.answerSupportRequest, { requestId: question.requestId, answer: `Dear Marigold, ${NOTE}` });
  await press(PERSON, VERBS.reopenSupportRequest, { requestId: question.requestId, followUp: NOTE });
  await press(LEAD, VERBS.closeSupportRequest, { requestId: question.requestId, reason: `Marigold: ${NOTE}` });
  expect((await bot.storage.supportRequests.get(question.requestId))?.request.thread).toHaveLength(4);
  bot.connector.failNext({ status: 500 }, 4);
  await bot.post(message('who is the national lead', { serviceUrl, from: PERSON }));
  bot.connector.clear();
  await bot.post(message('send webinar reminder now', { serviceUrl, from: LEAD }));
  const data =
    (bot.connector.sentCards(personalChatId(LEAD))[0]?.actions as { data?: Record<string, unknown> }[] | undefined)?.[0]
      ?.data ?? {};
  await press(LEAD, VERBS.confirmReminderNow, data);
  await waitFor(
    () =>
      JSON.stringify(bot.connector.sentCards(personalChatId(LEAD))).includes('Webinar reminder report')
        ? true
        : undefined,
    'the report',
  );
  await press(PERSON, VERBS.eraseMyData, {});
});
afterAll(() => bot.close());

describe('the logs of a full flow', () => {
  it('are JSON lines, one per event, and there are plenty of them', () => {
    expect(logs.length).toBeGreaterThan(20);
    for (const line of logs) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
  });

  it('contain no message text, name, email, note or reason', () => {
    const secrets = [
      ...TYPED,
      'Marigold',
      'Logless',
      'Thaddeus',
      'Quietly',
      EMAIL,
      'thaddeus.quietly@example.org',
      NOTE,
      'zebrafinch',
      'quixotic',
    ];
    for (const secret of secrets)
      expect(
        logs.filter((line) => line.includes(secret)),
        secret,
      ).toEqual([]);
  });

  it("give every line written during a turn that turn's correlation id, different for each turn", () => {
    const turns = logs
      .map((line) => JSON.parse(line) as { msg: string; correlationId?: string })
      .filter((entry) => entry.msg === 'message handled');
    expect(turns.length).toBeGreaterThanOrEqual(TYPED.length);
    for (const turn of turns) expect(turn.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(turns.map((turn) => turn.correlationId)).size).toBe(turns.length);
  });

  it('log a failed turn by its kind and status, without the payload', () => {
    const failures = logs.filter((line) => line.includes('"level":50'));
    expect(failures.length).toBeGreaterThan(0);
    for (const line of failures) expect(line).not.toContain('national lead');
  });
});
