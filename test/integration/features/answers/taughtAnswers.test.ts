import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import { cardAction, installationUpdate, message, personalChatId, type Person } from '../../../support/activities.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';
import { waitFor } from '../../../support/waitFor.js';

const LEAD_A: Person = { id: '29:lead-a', name: 'Example Lead', aadObjectId: 'eeeeeeee-0000-4000-8000-00000000000a' };
const LEAD_B: Person = { id: '29:lead-b', name: 'Example Deputy', aadObjectId: 'eeeeeeee-0000-4000-8000-00000000000b' };
const MSO: Person = { id: '29:mso-1', name: 'Sam Example', aadObjectId: 'cccccccc-3333-4000-8000-000000000001' };

/** A fictional answer for the tests: no fact about the NHS. */
const WORKSPACE = {
  title: 'The example workspace',
  text: 'The example workspace is where the network shares documents.\n\nAsk the lead for an invitation.',
  examples: 'where is the example workspace\nhow do I get into the shared example workspace',
  linkTitle1: 'Open the workspace',
  linkUrl1: 'https://example.org/workspace',
};

let bot: TestBot;
let serviceUrl: string;

beforeAll(async () => {
  bot = await startTestBot({ LEAD_AAD_OBJECT_IDS: `${LEAD_A.aadObjectId},${LEAD_B.aadObjectId}` });
  serviceUrl = bot.connector.serviceUrl;
  for (const person of [LEAD_A, LEAD_B, MSO]) await bot.post(installationUpdate('add', { serviceUrl, from: person }));
});
afterAll(() => bot.close());
beforeEach(() => bot.connector.clear());

async function press(person: Person, verb: string, data: Record<string, unknown>) {
  const response = await bot.post(cardAction(verb, data, { serviceUrl, from: person }));
  return { status: response.status, text: JSON.stringify(response.body) };
}

async function say(person: Person, text: string): Promise<string> {
  bot.connector.clear();
  await bot.post(message(text, { serviceUrl, from: person }));
  return JSON.stringify(bot.connector.sentCards(personalChatId(person)));
}

/** The new-answer form a lead gets from "answers" > Add an answer; resolves to its answer id. */
async function newAnswerForm(lead: Person): Promise<string> {
  const form = await press(lead, VERBS.editTaughtAnswer, { new: 'true' });
  const id = /"answerId":"(a[0-9a-f]{12})"/.exec(form.text)?.[1];
  if (!id) throw new Error('no answer id on the form');
  return id;
}

describe('a lead teaching the bot an answer', () => {
  it('lists the answers for a lead under "answers", and refuses them to an MSO', async () => {
    expect(await say(LEAD_A, 'answers')).toContain("The bot's answers taught by the leads");
    expect(await say(MSO, 'answers')).toContain('Only the national MSO network lead and deputies can see this.');
  });

  it('shows what to fix on the same card and saves nothing', async () => {
    const answerId = await newAnswerForm(LEAD_A);

    const result = await press(LEAD_A, VERBS.saveTaughtAnswer, {
      answerId,
      version: '0',
      title: 'x',
      text: '',
      linkTitle1: 'Somewhere',
      linkUrl1: 'http://example.org/insecure',
    });

    expect(result.text).toContain('Give the answer a short title');
    expect(result.text).toContain('Write the answer MSOs will see.');
    expect(result.text).toContain('Link 1: give an address starting https://');
    expect(result.text).toContain('Put no personal data in it');
    expect(await bot.storage.taughtAnswers.get(answerId)).toBeUndefined();
  });

  it('answers a paraphrase with it, saying the lead answered and offering to ask the lead', async () => {
    const answerId = await newAnswerForm(LEAD_A);
    const saved = await press(LEAD_A, VERBS.saveTaughtAnswer, { answerId, version: '0', ...WORKSPACE });
    expect(saved.text).toContain('Saved as version 1');

    const card = await say(MSO, 'hi, how can I get access to the example workspace?');

    expect(card).toContain('The example workspace is where the network shares documents.');
    expect(card).toContain('Answered by the national MSO network lead,');
    expect(card).toContain('https://example.org/workspace');
    expect(card).toContain('"intent":"askLead"');
  });

  it('does not answer a question that only shares a word with it', async () => {
    const card = await say(MSO, 'is the workspace wifi down again');

    expect(card).not.toContain('The example workspace');
  });

  it('keeps the other lead’s change when two leads save the same version, and says who changed it', async () => {
    const answerId = await newAnswerForm(LEAD_A);
    await press(LEAD_A, VERBS.saveTaughtAnswer, { answerId, version: '0', ...WORKSPACE, title: 'Versions test' });

    await press(LEAD_B, VERBS.saveTaughtAnswer, { answerId, version: '1', ...WORKSPACE, title: 'Changed by B' });
    const late = await press(LEAD_A, VERBS.saveTaughtAnswer, { answerId, version: '1', ...WORKSPACE, title: 'By A' });

    expect(late.text).toContain('Example Deputy changed this answer meanwhile');
    expect((await bot.storage.taughtAnswers.get(answerId))?.title).toBe('Changed by B');
    expect((await bot.storage.taughtAnswers.history(answerId)).map((version) => version.answer.title)).toEqual([
      'Versions test',
      'Changed by B',
    ]);
  });

  it('stops giving an answer once a lead removes it, keeping its history', async () => {
    const answerId = await newAnswerForm(LEAD_B);
    await press(LEAD_B, VERBS.saveTaughtAnswer, {
      answerId,
      version: '0',
      title: 'Lanyards for the away day',
      text: 'Example lanyards are handed out at the door.',
      examples: 'where do I get a lanyard for the away day',
    });
    expect(await say(MSO, 'where do I pick up a lanyard for the away day')).toContain('Example lanyards');

    const removed = await press(LEAD_A, VERBS.removeTaughtAnswer, { answerId });

    expect(removed.text).toContain('Removed “Lanyards for the away day”');
    expect(await say(MSO, 'where do I pick up a lanyard for the away day')).not.toContain('Example lanyards');
    expect((await bot.storage.taughtAnswers.history(answerId)).at(-1)?.removed).toBe(true);
  });

  it('refuses an MSO forging a new answer, a change or a removal with 403, and changes nothing', async () => {
    const answerId = await newAnswerForm(LEAD_A);
    await press(LEAD_A, VERBS.saveTaughtAnswer, { answerId, version: '0', ...WORKSPACE, title: 'Not to be forged' });
    const forgedId = await newAnswerForm(LEAD_A);

    const create = await press(MSO, VERBS.saveTaughtAnswer, { answerId: forgedId, version: '0', ...WORKSPACE });
    const change = await press(MSO, VERBS.saveTaughtAnswer, { answerId, version: '1', ...WORKSPACE, title: 'Forged' });
    const remove = await press(MSO, VERBS.removeTaughtAnswer, { answerId });

    expect([create.status, change.status, remove.status]).toEqual([403, 403, 403]);
    expect(await bot.storage.taughtAnswers.get(forgedId)).toBeUndefined();
    expect(await bot.storage.taughtAnswers.get(answerId)).toMatchObject({ version: 1, title: 'Not to be forged' });
  });

  it('records additions, changes and removals in the audit log', async () => {
    const log = await say(LEAD_A, 'audit log');

    expect(log).toContain('taught the bot a new answer');
    expect(log).toContain("changed the bot's taught answer");
    expect(log).toContain("removed the bot's taught answer");
  });
});

describe('another instance', () => {
  it('uses an answer taught on this one within 15 seconds', async () => {
    const other = await startTestBot({ LEAD_AAD_OBJECT_IDS: LEAD_A.aadObjectId }, { tablePrefix: bot.tablePrefix });
    try {
      const ask = async () => {
        other.connector.clear();
        await other.post(
          message('where do I find the example minutes archive', { serviceUrl: other.connector.serviceUrl, from: MSO }),
        );
        return JSON.stringify(other.connector.sentCards()).includes('Example minutes are archived') ? true : undefined;
      };
      expect(await ask()).toBeUndefined();
      const answerId = await newAnswerForm(LEAD_A);
      await press(LEAD_A, VERBS.saveTaughtAnswer, {
        answerId,
        version: '0',
        title: 'The example minutes archive',
        text: 'Example minutes are archived after each meeting.',
        examples: 'where are the example minutes kept',
      });

      await waitFor(ask, 'the other instance to give the taught answer', 15_000);
    } finally {
      await other.close();
    }
  });
});

describe('teaching from the answer to a question', () => {
  it('adds the answer, with its title, to the bot’s answers when the lead ticks the box', async () => {
    await bot.post(message('ask the national lead', { serviceUrl, from: MSO }));
    const reference = /"requestId":"(Q-[A-Z0-9]{6})"/.exec(JSON.stringify(bot.connector.sentCards()))?.[1] ?? '';
    await press(MSO, VERBS.submitSupportQuestion, {
      requestId: reference,
      question: 'Is there an example parking permit for the away day?',
      topic: 'network',
    });

    const answered = await press(LEAD_A, VERBS.answerSupportRequest, {
      requestId: reference,
      answer: 'Example parking permits are posted to every MSO before the away day.',
      teach: 'true',
      teachTitle: 'Parking permits for the away day',
    });

    expect(answered.text).toContain("It is now one of the bot's answers");
    const card = await say(MSO, 'how do I get a parking permit for the away day');
    expect(card).toContain('Example parking permits are posted to every MSO');
  });

  it('asks for a title before sending when the box is ticked without one', async () => {
    await bot.post(message('ask the national lead', { serviceUrl, from: MSO }));
    const reference = /"requestId":"(Q-[A-Z0-9]{6})"/.exec(JSON.stringify(bot.connector.sentCards()))?.[1] ?? '';
    await press(MSO, VERBS.submitSupportQuestion, { requestId: reference, question: 'Another one?', topic: 'other' });

    const result = await press(LEAD_A, VERBS.answerSupportRequest, {
      requestId: reference,
      answer: 'Yes.',
      teach: 'true',
      teachTitle: '',
    });

    expect(result.text).toContain('Give the answer a short title');
    expect((await bot.storage.supportRequests.get(reference))?.request.status).toBe('open');
  });
});
