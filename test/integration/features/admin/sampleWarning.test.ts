import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import {
  cardAction,
  installationUpdate,
  message,
  MSO,
  personalChatId,
  type Person,
} from '../../../support/activities.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';

const OWNER: Person = { id: '29:owner', name: 'Example Lead', aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000a1' };

let bot: TestBot;
let serviceUrl: string;

beforeAll(async () => {
  // Storage named in the settings is not local mode, where the sample directory is expected.
  bot = await startTestBot({
    LEAD_AAD_OBJECT_IDS: OWNER.aadObjectId,
    TABLES_ACCOUNT_URL: 'https://mso-bot-test.table.core.windows.net',
    ALLOW_UNAUTHENTICATED: 'true',
  });
  serviceUrl = bot.connector.serviceUrl;
  for (const person of [OWNER, MSO]) await bot.post(installationUpdate('add', { serviceUrl, from: person }));
});
afterAll(() => bot.close());

async function ask(person: Person, text: string): Promise<string> {
  bot.connector.clear();
  await bot.post(message(text, { serviceUrl, from: person }));
  return JSON.stringify(bot.connector.sentCards(personalChatId(person)));
}

describe('running on the sample directory outside local mode', () => {
  it('warns the lead on every lead card, naming the sections that still hold fictional people', async () => {
    for (const command of ['lead menu', 'directory settings', 'leads', 'pending requests', 'audit log']) {
      const sections = /still uses the sample directory: (.*?) still hold/.exec(await ask(OWNER, command))?.[1];
      expect(sections, command).toContain('the national lead');
      expect(sections, command).toContain('the North West network');
    }
  });

  it('says nothing of it to an MSO', async () => {
    expect(await ask(MSO, 'audit log')).not.toContain('sample directory');
    expect(await ask(MSO, 'who is the national lead?')).not.toContain('sample directory');
  });

  it('stops naming a section once its people are real', async () => {
    const opened = await bot.post(
      cardAction(VERBS.editDirectorySection, { section: 'national' }, { serviceUrl, from: OWNER }),
    );
    const hash = /"sectionHash":"([^"]+)"/.exec(JSON.stringify(opened.body))?.[1] ?? '';
    await bot.post(
      cardAction(
        VERBS.saveDirectorySection,
        {
          section: 'national',
          sectionHash: hash,
          'nationalLead.person.name': 'Pat Example',
          'nationalLead.person.email': 'national.lead@sps.nhs.uk',
          'nationalLead.role': 'National MSO network lead',
          'nationalLead.summary': 'The voice for all MSOs nationally.',
        },
        { serviceUrl, from: OWNER },
      ),
    );

    const sections = /still uses the sample directory: (.*?) still hold/.exec(await ask(OWNER, 'lead menu'))?.[1];
    expect(sections).toContain('the North West network');
    expect(sections).not.toContain('national lead');
  });
});
