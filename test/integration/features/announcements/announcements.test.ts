import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import {
  cardAction,
  installationUpdate,
  message,
  personalChatId,
  readReceipt,
  teamChannel,
  type Person,
} from '../../../support/activities.js';
import { buttonData, valuesOf } from '../../../support/cardElements.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';
import { waitFor } from '../../../support/waitFor.js';

type Card = Record<string, unknown>;

const LEAD: Person = { id: '29:lead', name: 'Example Lead', aadObjectId: 'eeeeeeee-5555-4000-8000-0000000000a1' };
const NORTH_WEST_LEAD: Person = {
  id: '29:nw-lead',
  name: 'Jo Example',
  aadObjectId: 'eeeeeeee-5555-4000-8000-0000000000b1',
};
/** MSOs in the North West (Y62) and London (Y56), and one who never said where they work. */
const NORTH_WEST: Person = { id: '29:nw', name: 'Sam Example', aadObjectId: 'cccccccc-5555-4000-8000-000000000001' };
const LONDON: Person = { id: '29:ldn', name: 'Alex Example', aadObjectId: 'cccccccc-5555-4000-8000-000000000002' };
const UNSAVED: Person = { id: '29:unsaved', name: 'Kim Example', aadObjectId: 'cccccccc-5555-4000-8000-000000000003' };
const NW_SECTION = 'regionalNetworks.1';

/** Fictional content: no fact about the NHS. */
const CONTENT = {
  title: 'Example network news',
  text: 'First line of the example.\nSecond line, kept on its own.',
  buttonTitle: 'Read more',
  buttonUrl: 'https://example.org/news',
};

let bot: TestBot;
let serviceUrl: string;

beforeAll(async () => {
  bot = await startTestBot({ LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId });
  serviceUrl = bot.connector.serviceUrl;
  for (const person of [LEAD, NORTH_WEST_LEAD, NORTH_WEST, LONDON, UNSAVED])
    await bot.post(installationUpdate('add', { serviceUrl, from: person }));
  await bot.post(installationUpdate('add', { serviceUrl, conversation: teamChannel }));
  const saved = new Date().toISOString();
  await bot.storage.profiles.save({
    userId: NORTH_WEST.aadObjectId,
    region: 'Y62',
    organisationCode: undefined,
    updatedAt: saved,
  });
  await bot.storage.profiles.save({
    userId: LONDON.aadObjectId,
    region: 'Y56',
    organisationCode: undefined,
    updatedAt: saved,
  });
  // The owner names the North West lead in the directory, as on the directory card.
  const opened = await press(LEAD, VERBS.editDirectorySection, { section: 'Y62' });
  await press(LEAD, VERBS.saveDirectorySection, {
    ...valuesOf(opened.card),
    [`${NW_SECTION}.leadAadObjectId`]: NORTH_WEST_LEAD.aadObjectId,
    ...buttonData(opened.card, VERBS.saveDirectorySection),
  });
});
afterAll(() => bot.close());
beforeEach(() => bot.connector.clear());

async function press(person: Person, verb: string, data: Record<string, unknown>) {
  const response = await bot.post(cardAction(verb, data, { serviceUrl, from: person }));
  const body = response.body as { value?: unknown } | undefined;
  const card = typeof body?.value === 'object' ? (body.value as Card) : undefined;
  return { status: response.status, card, text: JSON.stringify(response.body) };
}

async function say(person: Person, text: string): Promise<Card[]> {
  bot.connector.clear();
  await bot.post(message(text, { serviceUrl, from: person }));
  return bot.connector.sentCards(personalChatId(person));
}

const titleOf = (card: Card): string => {
  const text = (card.body as { text?: unknown }[] | undefined)?.[0]?.text;
  return typeof text === 'string' ? text : '';
};
const cardsTitled = (conversationId: string, title: string) =>
  bot.connector.sentCards(conversationId).filter((card) => titleOf(card) === title);

/** The lead's new form: its broadcast id. */
async function newForm(lead: Person): Promise<string> {
  const [form] = await say(lead, 'new announcement');
  const id = buttonData(form, VERBS.reviewAnnouncement)?.broadcastId;
  if (typeof id !== 'string') throw new Error('no announcement form');
  return id;
}

/** Writes, reviews and sends an announcement; resolves once the report reached the sender. */
async function send(lead: Person, audience: Record<string, string>): Promise<string> {
  const broadcastId = await newForm(lead);
  const reviewed = await press(lead, VERBS.reviewAnnouncement, { broadcastId, ...CONTENT, ...audience });
  const data = buttonData(reviewed.card, VERBS.sendAnnouncement);
  if (!data) throw new Error(`no send button: ${reviewed.text.slice(0, 300)}`);
  const sent = await press(lead, VERBS.sendAnnouncement, data);
  expect(sent.text).toContain('Announcement on its way');
  await waitFor(
    () => (cardsTitled(personalChatId(lead), 'Announcement report').length > 0 ? true : undefined),
    'the report to the sender',
    20_000,
  );
  return broadcastId;
}

const withdrawalReported = () =>
  waitFor(
    () => (cardsTitled(personalChatId(LEAD), 'Announcement withdrawn everywhere').length > 0 ? true : undefined),
    'the withdrawal report',
    30_000,
  );

describe('an announcement', () => {
  it('to one region reaches exactly the MSOs who saved that region, and says who was left out', async () => {
    const broadcastId = await newForm(LEAD);
    const reviewed = await press(LEAD, VERBS.reviewAnnouncement, {
      broadcastId,
      ...CONTENT,
      audience: 'region',
      region: 'Y62',
    });
    expect(reviewed.text).toContain('Send to 1 chat');
    // The lead, the North West lead and Kim saved no region.
    expect(reviewed.text).toContain(
      '3 chats of MSOs with no saved organisation or region are left out (your own chat counts',
    );

    await press(LEAD, VERBS.sendAnnouncement, buttonData(reviewed.card, VERBS.sendAnnouncement) ?? {});
    await waitFor(
      () => (cardsTitled(personalChatId(LEAD), 'Announcement report').length > 0 ? true : undefined),
      'the report',
      20_000,
    );

    const reached = bot.connector
      .sentActivities()
      .filter(
        (activity) => JSON.stringify(activity).includes(CONTENT.title) && !JSON.stringify(activity).includes('report'),
      )
      .map((activity) => (activity.conversation as { id: string }).id);
    expect(reached).toEqual([personalChatId(NORTH_WEST)]);
  });

  it('to everyone keeps its line breaks and button, and is counted in the report', async () => {
    await send(LEAD, { audience: 'everyone' });

    const [copy] = cardsTitled(teamChannel.id, CONTENT.title);
    expect(JSON.stringify(copy)).toMatch(
      /"First line of the example\."[^}]*\}[^{]*\{[^}]*"Second line, kept on its own\."/,
    );
    expect(JSON.stringify(copy)).toContain('https://example.org/news');
    const [report] = cardsTitled(personalChatId(LEAD), 'Announcement report');
    expect(JSON.stringify(report)).toMatch(/"title":"Recipients","value":"6"/);
    expect(JSON.stringify(report)).toMatch(/"title":"Delivered","value":"6"/);
  });

  it('previews in the lead’s own chat only, exactly as sent, and sends nothing', async () => {
    const broadcastId = await newForm(LEAD);
    bot.connector.clear();

    const preview = await press(LEAD, VERBS.previewAnnouncement, { broadcastId, ...CONTENT, audience: 'everyone' });

    expect(preview.text).toContain('Preview posted below in your chat');
    expect(cardsTitled(personalChatId(LEAD), CONTENT.title)).toHaveLength(1);
    expect(bot.connector.sentCards().filter((card) => titleOf(card) === CONTENT.title)).toHaveLength(1);
    expect(await bot.storage.broadcasts.get(broadcastId)).toBeUndefined();
  });

  it('comes back with what to fix on the same card, keeping what was typed', async () => {
    const broadcastId = await newForm(LEAD);

    const result = await press(LEAD, VERBS.reviewAnnouncement, {
      broadcastId,
      title: 'x',
      text: '  ',
      buttonTitle: 'Read more',
      buttonUrl: 'http://example.org/insecure',
      audience: 'region',
      region: '',
    });

    expect(result.text).toContain('Give a title of at least 3 characters.');
    expect(result.text).toContain('Write the message.');
    expect(result.text).toContain('Give an address starting https://');
    expect(result.text).toContain('Choose the region.');
    expect(result.text).toContain('http://example.org/insecure');
    expect(await bot.storage.broadcasts.get(broadcastId)).toBeUndefined();
  });

  it('says a title or message is too long rather than cutting it, and keeps every word typed', async () => {
    const broadcastId = await newForm(LEAD);
    const title = `Example title ${'long '.repeat(20)}end`;
    const text = `${'An example sentence. '.repeat(100)}Last words.`;

    const result = await press(LEAD, VERBS.reviewAnnouncement, { broadcastId, title, text, audience: 'everyone' });

    expect(result.text).toContain(`Keep the title to 80 characters (it has ${String(title.length)}).`);
    expect(result.text).toContain(`Keep the message to 2000 characters (it has ${String(text.trim().length)}).`);
    expect(result.text).toContain('long end');
    expect(result.text).toContain('Last words.');
    // Nothing on the card cuts what is typed: the limits are in the labels, and checked here.
    expect(result.text).not.toContain('maxLength');
  });

  it('to an audience with nobody in it can still be changed, with what was written kept', async () => {
    const broadcastId = await newForm(LEAD);
    const reviewed = await press(LEAD, VERBS.reviewAnnouncement, {
      broadcastId,
      ...CONTENT,
      audience: 'region',
      region: 'Y58',
    });

    expect(reviewed.text).toContain('Nobody is in this audience yet');
    expect(buttonData(reviewed.card, VERBS.sendAnnouncement)).toBeUndefined();
    const change = buttonData(reviewed.card, VERBS.editAnnouncement);
    const form = await press(LEAD, VERBS.editAnnouncement, change ?? {});
    expect(valuesOf(form.card)).toMatchObject({ title: CONTENT.title, buttonUrl: CONTENT.buttonUrl });
  });

  it('is sent once when its send button is pressed twice', async () => {
    const broadcastId = await newForm(LEAD);
    const reviewed = await press(LEAD, VERBS.reviewAnnouncement, { broadcastId, ...CONTENT, audience: 'channels' });
    const data = buttonData(reviewed.card, VERBS.sendAnnouncement) ?? {};

    const [first, second] = await Promise.all([
      press(LEAD, VERBS.sendAnnouncement, data),
      press(LEAD, VERBS.sendAnnouncement, data),
    ]);

    expect([first.text, second.text].filter((text) => text.includes('already sent from this card'))).toHaveLength(1);
    await waitFor(() => (cardsTitled(teamChannel.id, CONTENT.title).length > 0 ? true : undefined), 'the copy', 20_000);
    expect(cardsTitled(teamChannel.id, CONTENT.title)).toHaveLength(1);
  });

  it('from a regional lead goes to their own region, whatever the card says', async () => {
    const [form] = await say(NORTH_WEST_LEAD, 'new announcement');
    expect(JSON.stringify(form)).toContain('It goes to the MSOs of North West');
    const broadcastId = String(buttonData(form, VERBS.reviewAnnouncement)?.broadcastId);

    const reviewed = await press(NORTH_WEST_LEAD, VERBS.reviewAnnouncement, {
      broadcastId,
      ...CONTENT,
      audience: 'everyone',
    });

    expect(reviewed.text).toContain('the MSOs of North West');
    expect(reviewed.text).toContain('Send to 1 chat');
  });

  it('refuses an MSO who forges send or withdraw: 403, nothing sent', async () => {
    const broadcastId = await newForm(LEAD);
    const forged = await press(NORTH_WEST, VERBS.sendAnnouncement, { broadcastId, ...CONTENT, audience: 'everyone' });
    const withdraw = await press(NORTH_WEST, VERBS.withdrawAnnouncement, { broadcastId });

    expect(forged.status).toBe(403);
    expect(withdraw.status).toBe(403);
    expect(await bot.storage.broadcasts.get(broadcastId)).toBeUndefined();
    expect((await say(NORTH_WEST, 'new announcement')).map(titleOf)).not.toContain('New announcement');
  });
});

describe('withdrawing an announcement', () => {
  it('replaces every delivered copy in place with the withdrawal, and tells the lead when done', async () => {
    const broadcastId = await send(LEAD, { audience: 'everyone' });
    const copies = (await bot.storage.broadcasts.get(broadcastId))?.counts.delivered ?? 0;
    expect(copies).toBe(6);
    bot.connector.clear();

    const list = await say(LEAD, 'announcements');
    expect(JSON.stringify(list)).toContain(CONTENT.title);
    const withdrawn = await press(LEAD, VERBS.withdrawAnnouncement, { broadcastId });
    expect(withdrawn.text).toContain('Withdrawn: nothing more of it goes out');
    await withdrawalReported();

    const updates = bot.connector.calls.filter((call) => call.kind === 'update' && call.status < 300);
    expect(updates).toHaveLength(copies);
    expect(
      updates.every((call) => JSON.stringify(call.body).includes('Withdrawn by the national MSO network lead on')),
    ).toBe(true);
    expect(new Set(updates.map((call) => call.conversationId)).size).toBe(copies);
    const again = await press(LEAD, VERBS.withdrawAnnouncement, { broadcastId });
    expect(again.text).toContain('had already been withdrawn');
    expect(JSON.stringify(await say(LEAD, 'announcements'))).toMatch(
      /"title":"Example network news \([^)]*, withdrawn\)"/,
    );
  });
  it('while it is still going out stops what has not gone, and replaces only what has', async () => {
    // Kim's chat answers 503 four times (its fifth try, seconds later, would get through): that
    // copy is waiting to be retried when the lead withdraws.
    const kimChat = personalChatId(UNSAVED);
    bot.connector.failNext({ status: 503, kind: 'reply', conversationId: kimChat }, 4);
    const broadcastId = await newForm(LEAD);
    const reviewed = await press(LEAD, VERBS.reviewAnnouncement, { broadcastId, ...CONTENT, audience: 'everyone' });
    await press(LEAD, VERBS.sendAnnouncement, buttonData(reviewed.card, VERBS.sendAnnouncement) ?? {});
    const posted = (conversationId?: string) =>
      bot.connector.calls.filter(
        (call) =>
          call.kind === 'reply' &&
          call.status < 300 &&
          (conversationId === undefined || call.conversationId === conversationId) &&
          JSON.stringify(call.body).includes(CONTENT.title),
      );
    await waitFor(() => (posted().length === 5 ? true : undefined), 'the five chats that answer', 20_000);

    const withdrawn = await press(LEAD, VERBS.withdrawAnnouncement, { broadcastId });
    expect(withdrawn.text).toContain('Withdrawn: nothing more of it goes out');
    await withdrawalReported();

    expect(posted(kimChat)).toHaveLength(0);
    const stored = await bot.storage.broadcasts.get(broadcastId);
    expect(stored?.counts).toMatchObject({ delivered: 5, failed: 1 });
    const updates = bot.connector.calls.filter((call) => call.kind === 'update' && call.status < 300);
    expect(new Set(updates.map((call) => call.conversationId))).toEqual(
      new Set(posted().map((call) => call.conversationId)),
    );
    expect(updates.some((call) => call.conversationId === kimChat)).toBe(false);
  }, 60_000);
});

describe('read receipts', () => {
  it('count in the report: a receipt for that message or a later one is a read; an earlier one, a channel or a stranger is not', async () => {
    const broadcastId = await send(LEAD, { audience: 'everyone' });
    const copies = new Map<string, string>();
    for await (const copy of bot.storage.broadcasts.deliveredCopies(broadcastId))
      copies.set(copy.conversationId, copy.activityId ?? '');
    const copyIn = (person: Person) => copies.get(personalChatId(person)) ?? '';
    const receipt = (id: string, person: Person) => bot.post(readReceipt(id, { serviceUrl, from: person }));

    await receipt(copyIn(NORTH_WEST), NORTH_WEST);
    await receipt(String(BigInt(copyIn(UNSAVED)) + 5n), UNSAVED);
    await receipt(String(BigInt(copyIn(LONDON)) - 1n), LONDON);
    await bot.post(readReceipt('99999999999999999', { serviceUrl, from: LEAD, conversation: teamChannel }));
    // A later receipt for an earlier message changes nothing.
    await receipt(String(BigInt(copyIn(NORTH_WEST)) - 10n), NORTH_WEST);

    const shown = await press(LEAD, VERBS.showAnnouncementReport, { broadcastId });
    const [report] = cardsTitled(personalChatId(LEAD), 'Announcement report').slice(-1);
    expect(shown.text).toContain('Its report is below.');
    expect(JSON.stringify(report)).toContain('Read by 2 of 5 personal chats so far.');
    expect(JSON.stringify(report)).toContain('Channels and group chats send no read receipts');
    expect(await bot.storage.readReceipts.get(teamChannel.id)).toBeUndefined();
  });
});
