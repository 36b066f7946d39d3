import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import { removeOldSupportRequests } from '../../../../src/features/support/privacy.js';
import {
  cardAction,
  installationUpdate,
  message,
  personalChatId,
  teamChannel,
  type Person,
} from '../../../support/activities.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';

const LEAD_A: Person = { id: '29:lead-a', name: 'Example Lead', aadObjectId: 'eeeeeeee-0000-4000-8000-00000000000a' };
const LEAD_B: Person = { id: '29:lead-b', name: 'Example Deputy', aadObjectId: 'eeeeeeee-0000-4000-8000-00000000000b' };

let bot: TestBot;
let serviceUrl: string;
let people = 0;

function newPerson(name = 'Sam Example'): Person {
  people += 1;
  const n = String(people).padStart(12, '0');
  return { id: `29:asker-${n}`, name, aadObjectId: `cccccccc-1111-4000-8000-${n}` };
}

beforeAll(async () => {
  bot = await startTestBot({ LEAD_AAD_OBJECT_IDS: `${LEAD_A.aadObjectId},${LEAD_B.aadObjectId}` });
  serviceUrl = bot.connector.serviceUrl;
  for (const lead of [LEAD_A, LEAD_B]) await bot.post(installationUpdate('add', { serviceUrl, from: lead }));
});
afterAll(() => bot.close());
beforeEach(() => bot.connector.clear());

async function press(person: Person, verb: string, data: Record<string, unknown>, replyToId?: string) {
  const response = await bot.post({
    ...cardAction(verb, data, { serviceUrl, from: person }),
    ...(replyToId ? { replyToId } : {}),
  });
  return { status: response.status, text: JSON.stringify(response.body) };
}

async function say(person: Person, text: string): Promise<string> {
  await bot.post(message(text, { serviceUrl, from: person }));
  return JSON.stringify(bot.connector.sentCards(personalChatId(person)));
}

const sentTo = (person: Person) => JSON.stringify(bot.connector.sentCards(personalChatId(person)));
const updatesIn = (person: Person) =>
  JSON.stringify(
    bot.connector.calls
      .filter((call) => call.kind === 'update' && call.conversationId === personalChatId(person))
      .map((call) => call.body),
  );

/** The reference the ask card was made with. */
function referenceIn(card: string): string {
  const found = /"requestId":"(Q-[A-Z0-9]{6})"/.exec(card);
  if (!found?.[1]) throw new Error('no question reference on the card');
  return found[1];
}

/** Installs the bot for a person, who then asks the national lead; resolves to the reference. */
async function ask(person: Person, question = 'Was last month’s webinar recorded?'): Promise<string> {
  await bot.post(installationUpdate('add', { serviceUrl, from: person }));
  const reference = referenceIn(await say(person, 'ask the national lead'));
  const sent = await press(
    person,
    VERBS.submitSupportQuestion,
    { requestId: reference, question, topic: 'webinar' },
    `ask-card-${person.id}`,
  );
  expect(sent.text).toContain(`Your reference is ${reference}`);
  return reference;
}

describe('asking the national lead', () => {
  it('opens the ask card from "I need support with …", with the question in it and the urgent-route warning', async () => {
    const person = newPerson();
    const card = await say(person, 'I need support with setting up a medication safety committee');

    expect(card).toContain('Ask the national MSO network lead');
    expect(card).toContain('"value":"I need support with setting up a medication safety committee"');
    expect(card).toContain('not an urgent route');
    expect(card).toContain(`"verb":"${VERBS.submitSupportQuestion}"`);
  });

  it('offers the question to the lead when the bot cannot answer it', async () => {
    const person = newPerson();
    const card = await say(person, 'is there a template for an annual medication safety report');

    expect(card).toContain('Ask the national lead about this');
    expect(card).toContain('"question":"is there a template for an annual medication safety report"');
  });

  it('returns the card with what to fix and stores nothing when the question or topic is missing', async () => {
    const person = newPerson();
    const reference = referenceIn(await say(person, 'ask the national lead'));

    const result = await press(person, VERBS.submitSupportQuestion, {
      requestId: reference,
      question: '   ',
      topic: 'gossip',
    });

    expect(result.status).toBe(200);
    expect(result.text).toContain('Write your question.');
    expect(result.text).toContain('Choose what the question is about.');
    expect(await bot.storage.supportRequests.get(reference)).toBeUndefined();
  });

  it('refuses a question over 2,000 characters, keeping what was typed', async () => {
    const person = newPerson();
    const reference = referenceIn(await say(person, 'ask the national lead'));

    const result = await press(person, VERBS.submitSupportQuestion, {
      requestId: reference,
      question: 'a'.repeat(2001),
      topic: 'other',
    });

    expect(result.text).toContain('Keep the question to 2,000 characters (it has 2,001)');
    expect(result.text).toContain('a'.repeat(2001));
  });

  it('sends the question to every lead with who asked, and a double click sends it once', async () => {
    const person = newPerson('Robin Example');
    await say(person, 'I work at Leeds Teaching Hospitals');
    const reference = await ask(person);

    for (const lead of [LEAD_A, LEAD_B]) {
      expect(sentTo(lead)).toContain('Question from Robin Example');
      expect(sentTo(lead)).toContain('Leeds Teaching Hospitals NHS Trust');
      expect(sentTo(lead)).toContain('North East and Yorkshire');
      expect(sentTo(lead)).toContain(`"userIds":["${LEAD_A.id}","${LEAD_B.id}"]`);
    }
    bot.connector.clear();
    const again = await press(person, VERBS.submitSupportQuestion, {
      requestId: reference,
      question: 'Was last month’s webinar recorded?',
      topic: 'webinar',
    });

    expect(again.text).toContain('With the national lead');
    expect(await bot.storage.supportRequests.list({ userId: person.aadObjectId })).toHaveLength(1);
    expect(sentTo(LEAD_A)).toBe('[]');
  });

  it('says to ask in a personal chat when asked in a channel', async () => {
    const person = newPerson();
    await bot.post(message('ask the national lead', { serviceUrl, from: person, conversation: teamChannel }));

    const card = JSON.stringify(bot.connector.sentCards(teamChannel.id));
    expect(card).toContain('Ask me in our personal chat');
    expect(card).not.toContain(VERBS.submitSupportQuestion);
  });
});

describe('the leads answering', () => {
  it('shows who took it on every lead card, and the answer reaches the person and every lead card', async () => {
    const person = newPerson();
    const reference = await ask(person);
    bot.connector.clear();

    const taken = await press(LEAD_A, VERBS.takeSupportRequest, { requestId: reference }, 'lead-a-copy');
    expect(taken.text).toContain('You have taken this question');
    expect(updatesIn(LEAD_B)).toContain('Taken by');
    expect(updatesIn(LEAD_B)).toContain('Example Lead');
    bot.connector.clear();

    const answered = await press(LEAD_A, VERBS.answerSupportRequest, {
      requestId: reference,
      answer: 'Yes: the recording is shared after each session.',
    });

    expect(answered.text).toContain('Your answer has been sent.');
    const toPerson = sentTo(person);
    expect(toPerson).toContain('The national lead has answered your question.');
    expect(toPerson).toContain('Yes: the recording is shared after each session.');
    expect(toPerson).toContain(`"verb":"${VERBS.resolveSupportRequest}"`);
    expect(toPerson).toContain('I still need help');
    expect(updatesIn(LEAD_B)).toContain('Example Lead answered');
    expect(updatesIn(person)).toContain('Yes: the recording is shared after each session.');
  });

  it('keeps one answer when two leads answer at once, and tells the second who answered', async () => {
    const reference = await ask(newPerson());

    const [first, second] = await Promise.all([
      press(LEAD_A, VERBS.answerSupportRequest, { requestId: reference, answer: 'Answer from A' }),
      press(LEAD_B, VERBS.answerSupportRequest, { requestId: reference, answer: 'Answer from B' }),
    ]);

    const stored = await bot.storage.supportRequests.get(reference);
    const answers = stored?.request.thread.filter((entry) => entry.kind === 'answer') ?? [];
    expect(answers).toHaveLength(1);
    const winner = answers[0]?.byName;
    const loser = winner === 'Example Lead' ? second : first;
    expect(loser.text).toContain(`Already answered by ${winner ?? ''}`);
  });

  it('refuses a non-lead forging Take it or Answer with 403, and changes nothing', async () => {
    const person = newPerson();
    const reference = await ask(person);
    const before = await bot.storage.supportRequests.get(reference);

    const take = await press(person, VERBS.takeSupportRequest, { requestId: reference });
    const answer = await press(newPerson(), VERBS.answerSupportRequest, { requestId: reference, answer: 'Forged' });

    expect([take.status, answer.status]).toEqual([403, 403]);
    expect((await bot.storage.supportRequests.get(reference))?.etag).toBe(before?.etag);
  });

  it('asks for an answer when the lead sends an empty one', async () => {
    const reference = await ask(newPerson());

    const result = await press(LEAD_A, VERBS.answerSupportRequest, { requestId: reference, answer: '  ' });

    expect(result.text).toContain('Write an answer before sending');
    expect((await bot.storage.supportRequests.get(reference))?.request.status).toBe('open');
  });

  it('closes without an answer only with a reason, which the person sees', async () => {
    const person = newPerson();
    const reference = await ask(person);

    const noReason = await press(LEAD_B, VERBS.closeSupportRequest, { requestId: reference });
    expect(noReason.text).toContain('Give a reason');
    bot.connector.clear();
    await press(LEAD_B, VERBS.closeSupportRequest, { requestId: reference, reason: 'A question for your own trust' });

    expect(sentTo(person)).toContain('The national lead has closed your question.');
    expect(sentTo(person)).toContain('A question for your own trust');
  });
});

describe('after the answer', () => {
  it('"I still need help" reopens the question and sends the follow-up to every lead', async () => {
    const person = newPerson();
    const reference = await ask(person);
    await press(LEAD_A, VERBS.answerSupportRequest, { requestId: reference, answer: 'See the webinar card.' });
    bot.connector.clear();

    const reopened = await press(person, VERBS.reopenSupportRequest, {
      requestId: reference,
      followUp: 'The webinar card has no recording link.',
    });

    expect(reopened.text).toContain('your question is open again');
    expect((await bot.storage.supportRequests.get(reference))?.request.status).toBe('open');
    for (const lead of [LEAD_A, LEAD_B]) expect(sentTo(lead)).toContain('The webinar card has no recording link.');
  });

  it('"That answers it" closes the question, and only the person who asked can press it', async () => {
    const person = newPerson();
    const reference = await ask(person);
    await press(LEAD_A, VERBS.answerSupportRequest, { requestId: reference, answer: 'Yes.' });

    const someoneElse = await press(newPerson(), VERBS.resolveSupportRequest, { requestId: reference });
    const resolved = await press(person, VERBS.resolveSupportRequest, { requestId: reference });

    expect(someoneElse.status).toBe(403);
    expect(resolved.text).toContain('Closed: you said this answered it');
    expect((await bot.storage.supportRequests.get(reference))?.request.status).toBe('closed');
  });

  it('lists a person’s questions with their status under "my questions"', async () => {
    const person = newPerson();
    const reference = await ask(person);
    bot.connector.clear();

    const list = await say(person, 'my questions');

    expect(list).toContain(reference);
    expect(list).toContain('The webinar: with the national lead');
  });

  it('lists the open questions oldest first for a lead, and refuses them to anyone else', async () => {
    const first = await ask(newPerson('Alex Example'));
    const second = await ask(newPerson('Jo Example'));
    bot.connector.clear();

    const forLead = await say(LEAD_A, 'open questions');
    const forMso = await say(newPerson(), 'open questions');

    expect(forLead.indexOf(first)).toBeLessThan(forLead.indexOf(second));
    expect(forLead).toContain('Question from Jo Example');
    expect(forMso).toContain('Only the national MSO network lead and deputies can see this.');
    expect(await say(LEAD_A, 'lead menu')).toMatch(/Waiting for you: .*\d+ open questions from MSOs/);
  });
});

describe('privacy', () => {
  it('shows the question in "what do you hold about me"', async () => {
    const person = newPerson();
    const reference = await ask(person, 'Where is the MSO workspace?');
    bot.connector.clear();

    const data = await say(person, 'what do you hold about me');

    expect(data).toContain(`Your question to the national lead, ${reference}`);
    expect(data).toContain('Where is the MSO workspace?');
  });

  it('erases the question on "delete my data", and every lead copy says it was erased at the person’s request', async () => {
    const person = newPerson();
    const reference = await ask(person, 'A question to erase');
    bot.connector.clear();

    await press(person, VERBS.eraseMyData, {});

    expect(await bot.storage.supportRequests.get(reference)).toBeUndefined();
    for (const lead of [LEAD_A, LEAD_B]) {
      expect(updatesIn(lead)).toContain('Erased at the person’s request');
      expect(updatesIn(lead)).not.toContain('A question to erase');
    }
  });

  it('removes closed questions older than the retention cutoff, and keeps open ones', async () => {
    const closed = await ask(newPerson());
    const open = await ask(newPerson());
    await press(LEAD_A, VERBS.closeSupportRequest, { requestId: closed, reason: 'Answered by email' });

    const removed = await removeOldSupportRequests(bot.storage, new Date(Date.now() + 60_000));

    expect(removed.supportRequests).toBeGreaterThanOrEqual(1);
    expect(await bot.storage.supportRequests.get(closed)).toBeUndefined();
    expect(await bot.storage.supportRequests.get(open)).toBeDefined();
  });
});
