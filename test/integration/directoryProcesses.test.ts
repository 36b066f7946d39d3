import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { VERBS } from '../../src/features/verbs.js';
import { cardAction, installationUpdate, message, personalChatId, type Person } from '../support/activities.js';
import { startBotProcess, type BotProcess } from '../support/botProcess.js';
import { buttonData, valuesOf } from '../support/cardElements.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { waitFor } from '../support/waitFor.js';

/*
 * Two real server processes (src/index.ts) on the run's one Azurite, as two App Service
 * instances: a lead saves the North West's lead email on one, and an MSO of that region asks the
 * other. The entry point uses the un-prefixed tables, which other suites may use too: the test
 * puts the directory back (a restore of version 0) when it is done.
 */
const RUN = randomBytes(4).toString('hex');
const OWNER: Person = { id: `29:owner-${RUN}`, name: 'Example Lead', aadObjectId: randomUUID() };
const MSO: Person = { id: `29:mso-${RUN}`, name: 'Sam Example', aadObjectId: randomUUID() };
const NEW_EMAIL = `nw.lead.${RUN}@example.org`;

let connector: FakeConnector;
let first: BotProcess;
let second: BotProcess;

beforeAll(async () => {
  connector = await new FakeConnector().start();
  const env = (instance: string) => ({
    PORT: '0',
    LOG_LEVEL: 'info',
    TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
    ALLOW_UNAUTHENTICATED: 'true',
    // The test asks again and again until the change arrives: more than a person's 10 a minute.
    MESSAGES_PER_MINUTE: '10000',
    LEAD_AAD_OBJECT_IDS: OWNER.aadObjectId,
    INSTANCE_ID: `directory-${RUN}-${instance}`,
  });
  [first, second] = await Promise.all([startBotProcess(env('1')), startBotProcess(env('2'))]);
}, 60_000);

afterAll(async () => {
  await first.post(
    cardAction(
      VERBS.restoreDirectoryVersion,
      { version: '0', confirmed: 'yes' },
      { serviceUrl: connector.serviceUrl, from: OWNER },
    ),
  );
  await Promise.all([first.kill(), second.kill()]);
  await connector.stop();
});

describe('a directory change on one server process', () => {
  it('reaches an MSO of that region on another process within 15 seconds', async () => {
    const serviceUrl = connector.serviceUrl;
    await first.post(installationUpdate('add', { serviceUrl, from: OWNER }));
    await second.post(installationUpdate('add', { serviceUrl, from: MSO }));
    await second.post(message('I work at Manchester University NHS Foundation Trust', { serviceUrl, from: MSO }));

    const opened = await first.post(
      cardAction(VERBS.editDirectorySection, { section: 'Y62' }, { serviceUrl, from: OWNER }),
    );
    const card = (opened.body as { value: unknown }).value;
    const saved = await first.post(
      cardAction(
        VERBS.saveDirectorySection,
        {
          ...valuesOf(card),
          ...buttonData(card, VERBS.saveDirectorySection),
          'regionalNetworks.1.lead.email': NEW_EMAIL,
          'regionalNetworks.1.lead.teamsUpn': '',
        },
        { serviceUrl, from: OWNER },
      ),
    );
    expect(JSON.stringify(saved.body)).toContain('Saved as version');
    const savedAt = Date.now();

    await waitFor(
      async () => {
        connector.clear();
        await second.post(message('who is my regional lead?', { serviceUrl, from: MSO }));
        return JSON.stringify(connector.sentCards(personalChatId(MSO))).includes(NEW_EMAIL) || undefined;
      },
      'the new email from the other process',
      15_000,
    );
    expect(Date.now() - savedAt).toBeLessThan(15_000);
  });
});
