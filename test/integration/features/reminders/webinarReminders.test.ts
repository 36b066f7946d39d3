import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cardAction,
  groupChat,
  installationUpdate,
  LEAD,
  message,
  MSO,
  personalChatId,
  teamChannel,
  type Person,
} from '../../../support/activities.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';
import { waitFor } from '../../../support/waitFor.js';

const JOB_SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const REMINDER_TITLE = /Reminder: the MSO webinar|The MSO webinar is in/;

let bot: TestBot;
let serviceUrl: string;
const people: Person[] = Array.from({ length: 12 }, (_, n) => ({
  id: `29:reminded-${String(n)}`,
  name: 'Alex Example',
  aadObjectId: `eeeeeeee-3333-4000-8000-${String(n).padStart(12, '0')}`,
}));
const [stopped, removedTheBot] = people;

type Card = Record<string, unknown>;
const titleOf = (card: Card): string => JSON.stringify((card.body as { text?: string }[] | undefined)?.[0]?.text ?? '');
const factsOf = (card: Card): Record<string, string> => {
  const factSet = (card.body as { type: string; facts?: { title: string; value: string }[] }[]).find(
    (element) => element.type === 'FactSet',
  );
  return Object.fromEntries((factSet?.facts ?? []).map((fact) => [fact.title, fact.value]));
};
const remindersIn = (conversationId: string) =>
  bot.connector.sentCards(conversationId).filter((card) => REMINDER_TITLE.test(titleOf(card)));
const reportsToLead = () =>
  bot.connector.sentCards(personalChatId(LEAD)).filter((card) => titleOf(card).includes('Webinar reminder report'));

/** The lead types the command, then confirms on the card it gets back. */
async function leadSendsReminderNow() {
  bot.connector.clear();
  await bot.post(message('send webinar reminder now', { serviceUrl, from: LEAD }));
  const [confirm] = bot.connector.sentCards(personalChatId(LEAD));
  const action = (confirm?.actions as { verb?: string; data?: Record<string, unknown> }[] | undefined)?.[0];
  expect(action?.verb).toBe('confirmReminderNow');
  return action?.data ?? {};
}

beforeAll(async () => {
  bot = await startTestBot({
    LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
    WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
    WEBINAR_JOIN_URL: 'https://teams.microsoft.com/l/meetup-join/example',
    REMINDER_JOB_SECRET: JOB_SECRET,
    BROADCAST_RPS: '50',
    // Only the lead's reminders here: no scheduled one comes due while these tests run.
    REMINDER_OFFSETS: '1m',
  });
  serviceUrl = bot.connector.serviceUrl;
  for (const person of [LEAD, ...people]) await bot.post(installationUpdate('add', { serviceUrl, from: person }));
  await bot.post(installationUpdate('add', { serviceUrl, conversation: teamChannel }));
  await bot.post(installationUpdate('add', { serviceUrl, conversation: groupChat }));
  await bot.post(message('stop reminders', { serviceUrl, from: stopped }));
});
afterAll(() => bot.close());

describe('a webinar reminder sent by the lead', () => {
  it('reaches every subscriber once through 429s and 503s, marks a removed bot unreachable, and reports counts that add up', async () => {
    const data = await leadSendsReminderNow();
    bot.connector.failNext({ status: 429, headers: { 'retry-after': '1' }, kind: 'reply' });
    bot.connector.failNext({ status: 503, kind: 'reply' }, 2);
    bot.connector.failNext({ status: 403, kind: 'reply', conversationId: personalChatId(removedTheBot as Person) });

    const confirmed = await bot.post(cardAction('confirmReminderNow', data, { serviceUrl, from: LEAD }));
    expect(JSON.stringify(confirmed.body)).toContain('Webinar reminder on its way');

    const [report] = await waitFor(
      () => (reportsToLead().length > 0 ? reportsToLead() : undefined),
      'the report to the lead',
      20_000,
    );
    const subscribed = [LEAD, ...people]
      .filter((person) => person !== stopped)
      .map(personalChatId)
      .concat(teamChannel.id, groupChat.id);
    for (const conversationId of subscribed) {
      expect(remindersIn(conversationId), conversationId).toHaveLength(
        conversationId === personalChatId(removedTheBot as Person) ? 0 : 1,
      );
    }
    expect(remindersIn(personalChatId(stopped as Person))).toHaveLength(0);
    expect(factsOf(report as Card)).toMatchObject({
      Subscribers: String(subscribed.length),
      Delivered: String(subscribed.length - 1),
      Unreachable: '1',
      Failed: '0',
    });
    expect((await bot.storage.subscriptions.get(personalChatId(removedTheBot as Person)))?.unreachable).toBe(true);
  });

  it("sends a throttled reminder again after its 429's Retry-After, and the others meanwhile", async () => {
    const data = await leadSendsReminderNow();
    bot.connector.failNext({ status: 429, headers: { 'retry-after': '2' }, kind: 'reply' });
    await bot.post(cardAction('confirmReminderNow', data, { serviceUrl, from: LEAD }));
    await waitFor(() => (reportsToLead().length > 0 ? true : undefined), 'the report', 20_000);

    const sends = bot.connector.calls.filter(
      (call) => call.kind === 'reply' && REMINDER_TITLE.test(JSON.stringify(call.body)),
    );
    const throttled = sends.find((call) => call.status === 429);
    expect(throttled).toBeDefined();
    const at = throttled?.at ?? 0;
    const retried = sends.find((call) => call.conversationId === throttled?.conversationId && call.at > at);
    expect((retried?.at ?? 0) - at).toBeGreaterThanOrEqual(1_900);
    // One 429 is that message's: the rest of the broadcast does not wait for it.
    expect(sends.filter((call) => call.at > at && call.at < at + 1_900).length).toBeGreaterThan(0);
    expect(factsOf(reportsToLead()[0] as Card)).toMatchObject({ Failed: '0' });
  });

  it('starts one broadcast when the confirm button is clicked twice', async () => {
    const data = await leadSendsReminderNow();
    const [first, second] = await Promise.all([
      bot.post(cardAction('confirmReminderNow', data, { serviceUrl, from: LEAD })),
      bot.post(cardAction('confirmReminderNow', data, { serviceUrl, from: LEAD })),
    ]);
    await waitFor(() => (reportsToLead().length > 0 ? true : undefined), 'the report', 20_000);

    expect(JSON.stringify([first.body, second.body])).toContain('already sent from this card');
    expect(remindersIn(teamChannel.id)).toHaveLength(1);
  });

  it('shows the last report to a lead who asks for it', async () => {
    bot.connector.clear();
    await bot.post(message('reminder report', { serviceUrl, from: LEAD }));

    const [card] = bot.connector.sentCards(personalChatId(LEAD));
    expect(titleOf(card as Card)).toContain('Webinar reminder report');
    expect(Number(factsOf(card as Card).Delivered)).toBeGreaterThan(0);
  });
});

describe('lead actions asked for by someone else', () => {
  it('refuses "send webinar reminder now" to an MSO, and the confirm button too', async () => {
    bot.connector.clear();
    await bot.post(message('send webinar reminder now', { serviceUrl, from: MSO }));
    expect(JSON.stringify(bot.connector.sentCards(personalChatId(MSO)))).toContain(
      'Only the national MSO network lead',
    );

    const refused = await bot.post(
      cardAction(
        'confirmReminderNow',
        { occurrenceId: '2026-12-10T13:00', broadcastId: 'n0123456789abcdef' },
        { serviceUrl, from: MSO },
      ),
    );
    expect(refused.status).toBe(403);
    expect(await bot.storage.broadcasts.get('n0123456789abcdef')).toBeUndefined();
  });
});

describe('POST /api/jobs/reminders', () => {
  const tick = (authorization?: string) =>
    fetch(`${bot.url}/api/jobs/reminders`, { method: 'POST', headers: authorization ? { authorization } : {} });

  it('answers 401 without the secret, or with a wrong one', async () => {
    expect((await tick()).status).toBe(401);
    expect((await tick('Bearer not-the-secret')).status).toBe(401);
    expect((await tick(`Basic ${JOB_SECRET}`)).status).toBe(401);
    // Exactly `Bearer <secret>`: nothing after it, nothing doubled.
    expect((await tick(`Bearer ${JOB_SECRET} extra`)).status).toBe(401);
    expect((await tick(`Bearer  ${JOB_SECRET}`)).status).toBe(401);
    expect((await tick(`Bearer ${JOB_SECRET}\tBearer`)).status).toBe(401);
  });

  it('runs a tick with the secret', async () => {
    const response = await tick(`Bearer ${JOB_SECRET}`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ran: true });
  });
});
