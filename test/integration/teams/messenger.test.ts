import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMessenger } from '../../../src/teams/messenger.js';
import { outcomeOf } from '../../../src/features/broadcast/sendOutcome.js';
import { FakeConnector } from '../../support/fakeConnector.js';

const card = { type: 'AdaptiveCard' as const, version: '1.5', body: [] };
let connector: FakeConnector;
let reference: Record<string, unknown>;
const messenger = createMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), undefined);

beforeAll(async () => {
  connector = await new FakeConnector().start();
  reference = {
    serviceUrl: connector.serviceUrl,
    channelId: 'msteams',
    conversation: { id: 'a:messenger-test' },
    bot: { id: '28:bot' },
  };
});
afterAll(() => connector.stop());
beforeEach(() => connector.clear());

describe("the messenger's one-request send, for the reminder dispatcher", () => {
  it('makes exactly one request when the connector answers 503, and throws its status', async () => {
    connector.failNext({ status: 503 });

    const error: unknown = await messenger.sendOnce(reference, card).catch((thrown: unknown) => thrown);

    expect(connector.calls).toHaveLength(1);
    expect(outcomeOf(error)).toMatchObject({ ok: false, status: 503, reason: 'http_503' });
  });

  it("gives the dispatcher a 429's Retry-After instead of waiting it out inside the SDK", async () => {
    connector.failNext({ status: 429, headers: { 'retry-after': '2' } });

    const error: unknown = await messenger.sendOnce(reference, card).catch((thrown: unknown) => thrown);

    expect(connector.calls).toHaveLength(1);
    expect(outcomeOf(error)).toMatchObject({ status: 429, retryAfterMs: 2000 });
  });

  it("leaves the SDK's own retries in place for every other send", async () => {
    connector.failNext({ status: 503 }, 1);

    await messenger.send(reference, card);

    expect(connector.calls.map((call) => call.status)).toEqual([503, 200]);
  });
});
