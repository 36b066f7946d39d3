import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { VERBS } from '../../src/features/verbs.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/platform/storage/embeddedAzurite.js';
import { openStorage, type Storage } from '../../src/storage.js';
import type { AppServer } from '../../src/http/server.js';
import { cardAction, installationUpdate, LEAD, message, personalChatId, type Person } from '../support/activities.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.js';
import { knowledge } from '../support/testBot.js';
import { waitFor } from '../support/waitFor.js';

const people: Person[] = Array.from({ length: 16 }, (_, n) => ({
  id: `29:outage-${String(n)}`,
  name: 'Kit Example',
  aadObjectId: `ffffffff-5555-4000-8000-${String(n).padStart(12, '0')}`,
}));
const [asker = people[0] as Person] = people;
const REMINDER = /Reminder: the MSO webinar/;

let azurite: EmbeddedAzurite;
let proxy: TcpProxy;
let storage: Storage;
let app: AppServer;
let url: string;
let connector: FakeConnector;

const post = async (body: unknown) => {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
};
const serviceUrl = () => connector.serviceUrl;
const cardsTo = (person: Person) => JSON.stringify(connector.sentCards(personalChatId(person)));
const remindersReceived = () =>
  people
    .concat(LEAD)
    .map(
      (person) =>
        connector.sentCards(personalChatId(person)).filter((card) => REMINDER.test(JSON.stringify(card))).length,
    );

beforeAll(async () => {
  // The bot reaches Azurite through a proxy that the test can cut: storage goes away and comes
  // back with its data as it was (stopping Azurite itself can lose its last writes).
  azurite = await startEmbeddedAzurite();
  proxy = await startTcpProxy(azurite.port);
  connector = await new FakeConnector().start();
  storage = await openStorage({
    kind: 'connectionString',
    connectionString: azurite.connectionString.replace(`:${String(azurite.port)}/`, `:${String(proxy.port)}/`),
  });
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
    WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
    REMINDER_OFFSETS: '1m',
    REMINDER_TICK_SECONDS: '1',
    BROADCAST_RPS: '4',
  });
  app = createApp(config, { storage, ...(await knowledge()) }, createLogger('silent'));
  url = `http://127.0.0.1:${String((await app.listen(0, '127.0.0.1')).port)}`;
  for (const person of [LEAD, ...people])
    await post(installationUpdate('add', { serviceUrl: serviceUrl(), from: person }));
});

afterAll(async () => {
  await app.close(1000);
  await proxy.close();
  await azurite.close();
  await connector.stop();
});

describe('with table storage unreachable mid-chat, then back', () => {
  it('apologises on every turn, says 503 on /api/health, stores nothing half-written, and finishes the reminder broadcast by itself', async () => {
    // A reminder broadcast is under way (4 a second to 17 chats) when storage stops.
    connector.clear();
    await post(message('send webinar reminder now', { serviceUrl: serviceUrl(), from: LEAD }));
    const data =
      (connector.sentCards(personalChatId(LEAD))[0]?.actions as { data?: Record<string, unknown> }[] | undefined)?.[0]
        ?.data ?? {};
    await post(cardAction(VERBS.confirmReminderNow, data, { serviceUrl: serviceUrl(), from: LEAD }));
    await waitFor(() => (remindersReceived().some((count) => count > 0) ? true : undefined), 'the first reminders');
    proxy.cut();
    const sentBeforeOutage = remindersReceived().reduce((sum, count) => sum + count, 0);

    const health = await fetch(`${url}/api/health`);
    const question = await post(message('who is my regional lead?', { serviceUrl: serviceUrl(), from: asker }));
    const where = await post(
      message('I work at Leeds Teaching Hospitals', { serviceUrl: serviceUrl(), from: people[1] }),
    );
    const signUp = await post(
      cardAction(
        VERBS.submitBuddySignUp,
        {
          wayIn: 'newToPost',
          organisation: 'RR8',
          monthsInRole: '2',
          focusAreas: 'data',
          preferredContact: 'teams',
          email: 'kit@example.org',
          note: '',
          consent: 'true',
        },
        { serviceUrl: serviceUrl(), from: people[2] },
      ),
    );

    expect(health.status).toBe(503);
    for (const turn of [question, where]) expect(turn.status).toBeLessThan(500);
    expect(cardsTo(asker)).toContain('Sorry, something went wrong on my side');
    expect(cardsTo(people[1] as Person)).toContain('Sorry, something went wrong on my side');
    for (const text of [question.text, where.text, signUp.text])
      expect(text).not.toMatch(/at .*\.(ts|js):\d+|RestError|ECONNREFUSED/);

    // Rows claimed but not settled when storage went (read behind the proxy's back): only these may be sent twice.
    const outbox = TableClient.fromConnectionString(azurite.connectionString, 'Outbox', {
      allowInsecureConnection: true,
    });
    let inFlight = 0;
    for await (const row of outbox.listEntities<{ status: string }>()) if (row.status === 'sending') inFlight += 1;
    proxy.restore();
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    await waitFor(
      () => (cardsTo(LEAD).includes('Webinar reminder report') ? true : undefined),
      'the broadcast to finish after the outage',
      60_000,
    );

    // Everyone got the reminder, none twice beyond the rows that were in flight when storage went.
    const received = remindersReceived();
    expect(received.every((count) => count >= 1)).toBe(true);
    expect(received.reduce((sum, count) => sum + count, 0) - people.length - 1).toBeLessThanOrEqual(inFlight);
    expect(sentBeforeOutage).toBeLessThan(people.length + 1);
    // Nothing from the failed turns was stored: no profile, no request.
    expect(await storage.profiles.get((people[1] as Person).aadObjectId)).toBeUndefined();
    expect(await storage.buddyRequests.list({ userId: (people[2] as Person).aadObjectId })).toEqual([]);

    // And the bot answers again.
    const mark = connector.calls.length;
    await post(message('who is the national lead?', { serviceUrl: serviceUrl(), from: asker }));
    expect(JSON.stringify(connector.calls.slice(mark).map((call) => call.body))).toContain(
      'The national MSO network lead',
    );
  }, 120_000);
});
