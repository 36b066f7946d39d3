import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installationUpdate, message, personalChatId, teamChannel, type Person } from '../../../support/activities.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';

let bot: TestBot;
let serviceUrl: string;
const person: Person = { id: '29:reminders', name: 'Jo Example', aadObjectId: 'dddddddd-2222-4000-8000-000000000001' };

beforeAll(async () => {
  bot = await startTestBot();
  serviceUrl = bot.connector.serviceUrl;
});
afterAll(() => bot.close());

describe('webinar reminder subscriptions', () => {
  it('subscribes a person who installs the bot, and lets them stop and start reminders', async () => {
    await bot.post(installationUpdate('add', { serviceUrl, from: person }));
    expect(await bot.storage.subscriptions.get(personalChatId(person))).toMatchObject({
      active: true,
      kind: 'personal',
    });

    await bot.post(message('stop reminders', { serviceUrl, from: person }));
    expect(JSON.stringify(bot.connector.sentCards())).toContain('Webinar reminders are off');
    expect((await bot.storage.subscriptions.get(personalChatId(person)))?.active).toBe(false);

    await bot.post(message('start reminders please', { serviceUrl, from: person }));
    expect((await bot.storage.subscriptions.get(personalChatId(person)))?.active).toBe(true);
  });

  it('keeps a stop when Teams announces the install again', async () => {
    await bot.post(message('stop reminders', { serviceUrl, from: person }));
    await bot.post(installationUpdate('add', { serviceUrl, from: person }));

    expect((await bot.storage.subscriptions.get(personalChatId(person)))?.active).toBe(false);
  });

  it('subscribes a team channel, which can stop reminders for everyone in it', async () => {
    await bot.post(installationUpdate('add', { serviceUrl, conversation: teamChannel }));
    expect(await bot.storage.subscriptions.get(teamChannel.id)).toMatchObject({ active: true, kind: 'channel' });

    await bot.post(message('<at>MSO Network</at> stop reminders', { serviceUrl, conversation: teamChannel }));

    expect((await bot.storage.subscriptions.get(teamChannel.id))?.active).toBe(false);
  });

  it('forgets the subscription when the bot is uninstalled', async () => {
    await bot.post(installationUpdate('remove', { serviceUrl, from: person }));

    expect(await bot.storage.subscriptions.get(personalChatId(person))).toBeUndefined();
  });

  it('lists only conversations that are switched on and reachable, for the reminders', async () => {
    const others: Person[] = [1, 2, 3].map((n) => ({
      id: `29:sub-${String(n)}`,
      name: 'Sub Example',
      aadObjectId: `dddddddd-2222-4000-8000-00000000001${String(n)}`,
    }));
    for (const other of others) await bot.post(installationUpdate('add', { serviceUrl, from: other }));
    const [on, off, gone] = others.map(personalChatId);
    await bot.post(message('stop reminders', { serviceUrl, from: others[1] ?? person }));
    await bot.storage.subscriptions.markUnreachable(gone ?? '', new Date());

    const active: string[] = [];
    for await (const subscription of bot.storage.subscriptions.active()) active.push(subscription.conversationId);

    expect(active).toContain(on);
    expect(active).not.toContain(off);
    expect(active).not.toContain(gone);
  });
});
