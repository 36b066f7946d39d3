import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/features/verbs.js';
import {
  BOT,
  botAddedToConversation,
  botRemovedFromConversation,
  cardAction,
  groupChat,
  installationUpdate,
  message,
  MSO,
  personalChatId,
  teamChannel,
} from '../../support/activities.js';
import { startTestBot, type TestBot } from '../../support/testBot.js';

let bot: TestBot;
let where: { serviceUrl: string };

beforeAll(async () => {
  bot = await startTestBot();
  where = { serviceUrl: bot.connector.serviceUrl };
});
afterAll(() => bot.close());
beforeEach(() => bot.connector.clear());

function texts(card: Record<string, unknown>): string {
  return JSON.stringify(card);
}

describe('installing the bot', () => {
  it('welcomes a person who installs it in their personal chat and remembers the chat', async () => {
    const response = await bot.post(installationUpdate('add', where));

    expect(response.status).toBe(200);
    const cards = bot.connector.sentCards(personalChatId(MSO));
    expect(cards).toHaveLength(1);
    expect(texts(cards[0] ?? {})).toContain('Welcome to the MSO Network bot');
    const stored = await bot.storage.conversations.get(personalChatId(MSO));
    expect(stored).toMatchObject({ kind: 'personal', userAadObjectId: MSO.aadObjectId });
    expect(stored?.reference).toMatchObject({
      serviceUrl: where.serviceUrl,
      conversation: { id: personalChatId(MSO) },
    });
  });

  it('welcomes only once when Teams announces the same install twice', async () => {
    const person = { id: '29:twice', name: 'Robin Example', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002' };
    await bot.post(botAddedToConversation({ ...where, from: person }));
    await bot.post(installationUpdate('add', { ...where, from: person }));

    expect(bot.connector.sentCards(personalChatId(person))).toHaveLength(1);
  });

  it('records a team channel install without posting a personal welcome there', async () => {
    await bot.post(installationUpdate('add', { ...where, conversation: teamChannel }));

    expect(bot.connector.sentActivities()).toHaveLength(0);
    expect(await bot.storage.conversations.get(teamChannel.id)).toMatchObject({
      kind: 'channel',
      userAadObjectId: undefined,
    });
  });

  it('records a group chat install', async () => {
    await bot.post(botAddedToConversation({ ...where, conversation: groupChat }));

    expect(await bot.storage.conversations.get(groupChat.id)).toMatchObject({ kind: 'groupChat' });
  });

  it('forgets a conversation when the bot is uninstalled, and welcomes again on reinstall', async () => {
    const person = { id: '29:leaver', name: 'Alex Example', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000003' };
    await bot.post(installationUpdate('add', { ...where, from: person }));
    await bot.post(installationUpdate('remove', { ...where, from: person }));
    expect(await bot.storage.conversations.get(personalChatId(person))).toBeUndefined();

    await bot.post(installationUpdate('add', { ...where, from: person }));
    expect(bot.connector.sentCards(personalChatId(person))).toHaveLength(2);
  });

  it('forgets a channel when the bot is removed from the team', async () => {
    await bot.post(botAddedToConversation({ ...where, conversation: teamChannel }));
    await bot.post(botRemovedFromConversation({ ...where, conversation: teamChannel }));

    expect(await bot.storage.conversations.get(teamChannel.id)).toBeUndefined();
  });
});

describe('messages', () => {
  it('answers help with the help card listing the commands that work', async () => {
    await bot.post(message('help', where));

    const [card] = bot.connector.sentCards();
    expect(texts(card ?? {})).toContain('What I can do');
    expect(texts(card ?? {})).toContain('See what I can do');
    expect(texts(card ?? {})).not.toContain('did not understand');
  });

  it('reads "@MSO Network Help!" in a channel as help', async () => {
    await bot.post({
      ...message(`<at>${BOT.name}</at> Help!`, { ...where, conversation: teamChannel }),
      entities: [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }],
    });

    const [card] = bot.connector.sentCards(teamChannel.id);
    expect(texts(card ?? {})).not.toContain('did not understand');
    expect(texts(card ?? {})).toContain('What I can do');
  });

  it('answers anything it does not understand with the help card, never silence', async () => {
    await bot.post(message('purple elephants?', where));

    const [card] = bot.connector.sentCards();
    expect(texts(card ?? {})).toContain('Sorry, I did not understand that.');
    expect(texts(card ?? {})).toContain('What I can do');
  });

  it('answers a message with no text (an attachment only) with the help card', async () => {
    const { text: _text, ...noText } = message('', where);
    const response = await bot.post(noText);

    expect(response.status).toBe(200);
    expect(bot.connector.sentCards()).toHaveLength(1);
  });

  it('remembers a personal chat it first hears from through a message', async () => {
    const person = { id: '29:chatty', name: 'Jo Example', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000004' };
    await bot.post(message('help', { ...where, from: person }));

    expect(await bot.storage.conversations.findPersonalChat(person.aadObjectId)).toMatchObject({
      conversationId: personalChatId(person),
    });
  });
});

describe('card actions', () => {
  it('sends the help card when "What can you do?" is pressed on the welcome card', async () => {
    const response = await bot.post(cardAction(VERBS.showHelp, {}, where));

    expect(response).toMatchObject({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message' },
    });
    expect(texts(bot.connector.sentCards()[0] ?? {})).toContain('What I can do');
  });

  it('refuses a verb it does not know with a 400 the card can show', async () => {
    const response = await bot.post(cardAction('dropTables', {}, where));

    expect(response).toMatchObject({
      status: 400,
      body: { type: 'application/vnd.microsoft.error', value: { code: 'UnknownVerb' } },
    });
    expect(bot.connector.sentActivities()).toHaveLength(0);
  });

  it('refuses a card action whose value is not an Action.Execute', async () => {
    const response = await bot.post({ ...cardAction(VERBS.showHelp, {}, where), value: { action: 'nonsense' } });

    expect(response).toMatchObject({ status: 400, body: { value: { code: 'BadRequest' } } });
  });

  it('refuses an invoke it does not handle with a 400, not a server error', async () => {
    const response = await bot.post({ ...cardAction(VERBS.showHelp, {}, where), name: 'task/fetch' });

    expect(response.status).toBe(400);
  });
});

describe('a conversation that sends more messages in a minute than the limit', () => {
  let limited: TestBot;
  let serviceUrl: string;
  const HASTY = { id: '29:hasty-example', name: 'Hasty Example', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000a7' };
  beforeAll(async () => {
    limited = await startTestBot({ MESSAGES_PER_MINUTE: '3' });
    serviceUrl = limited.connector.serviceUrl;
  });
  afterAll(() => limited.close());

  it('answers up to the limit, asks once to slow down, then stores and answers nothing', async () => {
    for (const text of ['help', 'who is the national lead', 'help'])
      await limited.post(message(text, { serviceUrl, from: HASTY }));
    const answered = limited.connector.sentActivities(personalChatId(HASTY)).length;
    await limited.post(message('I work at Leeds Teaching Hospitals', { serviceUrl, from: HASTY }));
    await limited.post(message('I work at Leeds Teaching Hospitals', { serviceUrl, from: HASTY }));

    const after = limited.connector.sentActivities(personalChatId(HASTY)).slice(answered);
    expect(answered).toBe(3);
    expect(after).toHaveLength(1);
    expect(after[0]?.text).toMatch(/Wait a minute, then ask again/);
    expect(await limited.storage.profiles.get(HASTY.aadObjectId)).toBeUndefined();
  });

  it('still answers everyone else', async () => {
    const response = await limited.post(message('help', { serviceUrl, from: MSO }));

    expect(response.status).toBe(200);
    expect(limited.connector.sentCards(personalChatId(MSO))).toHaveLength(1);
  });
});
