import { TableClient } from '@azure/data-tables';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { VERBS } from '../../src/features/verbs.js';
import {
  BOT,
  cardAction,
  installationUpdate,
  LEAD,
  message,
  MSO,
  personalChatId,
  TEST_TENANT_ID,
  type Activity,
  type Person,
} from '../support/activities.js';
import {
  anyJson,
  anyVerb,
  awkwardName,
  awkwardText,
  broadcastId,
  cardData,
  conversationKind,
  forgedAuthorization,
  FUZZ_MENTOR,
  INJECTIONS,
  invalidOccurrenceChange,
  invalidReminderNow,
  invalidSchedule,
  invalidSignUp,
  jsonText,
  mistypedActivity,
  MENTOR_SIGN_UP,
  nearActivity,
  NEW_TO_POST_SIGN_UP,
  PHRASES,
  plausibleFieldValues,
  POLLUTION_MARK,
  rawRequest,
  sampleActivities,
  stranger,
  stretchedActivity,
  UNSAVED_SCHEDULE,
  type RawRequest,
  type SpoiledSubmission,
} from '../support/arbitraries.js';
import { LoginService } from '../support/loginService.js';
import { cardProblems } from '../support/validateCard.js';
import { requestIdOf } from '../support/buddyRequests.js';
import { startTestBot, type TestBot } from '../support/testBot.js';

/*
 * Property-based fuzzing of the real server (restify, CloudAdapter, bot, Azurite): generated
 * bodies, activities, card submissions and messages never get a 5xx, never crash or hang the
 * server, never fail a turn, never touch Object.prototype, and refused submissions store nothing.
 * A failure prints its seed and path: pass them to that property's fc.assert options to replay it.
 */

// Runs per property, chosen so the file takes well under a minute on two cores; thousands in all.
const RUNS = {
  jsonBodies: 700,
  stretchedFields: 400,
  mistypedFields: 300,
  rawRequests: 500,
  cardActions: 600,
  messages: 300,
  signUps: 150,
  schedules: 120,
  occurrenceChanges: 80,
  remindersNow: 120,
  tokens: 400,
  names: 150,
};
const PROPERTY_TIMEOUT_MS = 60_000;

const LEAD_ENV = {
  LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
  WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
  REMINDER_OFFSETS: '1m',
};
/** The schedule the lead saved; a refused submission must leave it as it is. */
const STORED_SCHEDULE = {
  rule: 'FREQ=MONTHLY;BYDAY=-1FR',
  startTime: '10:00',
  durationMinutes: '90',
  firstDate: '',
  topic: 'Stored topic',
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/stored',
};

interface Reply {
  status: number;
  text: string;
}

/** What the server said, short enough to read in a failure message. */
const told = (reply: Reply) => `the server answered ${reply.status}: ${reply.text.slice(0, 500)}`;

/** A request the server leaves unanswered this long counts as a failure (a hang, or a crash in a stream). */
// Generous: the whole suite shares two cores with server processes; a real hang never answers.
const ANSWER_WITHIN_MS = 10_000;

async function send(url: string, { method, path, headers, body }: RawRequest): Promise<Reply> {
  const signal = AbortSignal.timeout(ANSWER_WITHIN_MS);
  try {
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      body: method === 'GET' ? undefined : body,
      signal,
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    if (signal.aborted) throw new Error(`${method} ${path} got no answer within ${ANSWER_WITHIN_MS} ms`);
    throw error;
  }
}

async function postText(url: string, body: string): Promise<Reply> {
  return send(url, {
    method: 'POST',
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    body: new TextEncoder().encode(body),
  });
}

const postActivity = (url: string, activity: Activity) => postText(url, JSON.stringify(activity));

// ---- Object.prototype and friends --------------------------------------------------------------

const WATCHED_PROTOTYPES = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
} as const;

type PrototypeSnapshot = Map<string, Map<string | symbol, PropertyDescriptor>>;

function snapshotPrototypes(): PrototypeSnapshot {
  return new Map(
    Object.entries(WATCHED_PROTOTYPES).map(([name, prototype]) => [
      name,
      new Map(Reflect.ownKeys(prototype).map((key) => [key, Object.getOwnPropertyDescriptor(prototype, key) ?? {}])),
    ]),
  );
}

/** Keys added to, removed from or changed on the built-in prototypes since `before`. */
function prototypeChanges(before: PrototypeSnapshot): string[] {
  const changes: string[] = [];
  for (const [name, now] of snapshotPrototypes()) {
    const then = before.get(name) ?? new Map<string | symbol, PropertyDescriptor>();
    for (const [key, descriptor] of now) {
      const old = then.get(key);
      const same =
        old &&
        old.value === descriptor.value &&
        old.get === descriptor.get &&
        old.set === descriptor.set &&
        old.writable === descriptor.writable;
      if (!same) changes.push(`${name}.prototype[${String(key)}] ${old ? 'changed' : 'added'}`);
    }
    for (const key of then.keys()) if (!now.has(key)) changes.push(`${name}.prototype[${String(key)}] removed`);
  }
  return changes;
}

const prototypesAtStart = snapshotPrototypes();

/** Not a 5xx; still healthy; nothing leaked onto the built-in prototypes. */
async function expectStillWell(bot: TestBot, reply: Reply): Promise<void> {
  expect(reply.status, told(reply)).toBeLessThan(500);
  const health = await fetch(`${bot.url}/api/health`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  expect(health.status, `GET /api/health afterwards answered ${health.status}`).toBe(200);
  expect(prototypeChanges(prototypesAtStart), 'the built-in prototypes').toEqual([]);
  expect(({} as Record<string, unknown>)[POLLUTION_MARK], 'a fresh object').toBeUndefined();
}

// ---- what the bot sends back --------------------------------------------------------------------

/** Every string in a card, with the key it sits under and the type of the element holding it. */
function stringsIn(value: unknown, key = '', holder = ''): { key: string; holder: string; text: string }[] {
  if (typeof value === 'string') return [{ key, holder, text: value }];
  if (Array.isArray(value)) return value.flatMap((item) => stringsIn(item, key, holder));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const type = typeof record.type === 'string' ? record.type : holder;
    return Object.entries(record).flatMap(([child, item]) => stringsIn(item, child, type));
  }
  return [];
}

/** `${` and a few characters after it, Markdown escapes, spaces and the cut mark aside (the bot escapes and cuts what it shows). */
function expressionStarts(text: string): string[] {
  const plain = text.replace(/[\\\s\u2026]/g, '');
  const starts: string[] = [];
  for (let at = plain.indexOf('${'); at >= 0; at = plain.indexOf('${', at + 2)) starts.push(plain.slice(at, at + 10));
  return starts;
}

/**
 * Template-like text users have typed, and each of its prefixes: the bot may rightly show it back,
 * in this turn or a later one (a note, a topic, a question offered to the national lead). Any other `${` in a card is a template left unexpanded.
 */
const typedExpressions = new Set<string>();

function rememberTyped(value: unknown): void {
  for (const { key, text } of stringsIn(value)) {
    // A message is shown back without its @mention of the bot (offered to the national lead, say).
    const withoutMention = text.replace(/<at>[^<]*<\/at>/gi, '');
    for (const start of [...expressionStarts(text), ...expressionStarts(withoutMention), ...expressionStarts(key)]) {
      for (let end = 2; end <= start.length; end += 1) typedExpressions.add(start.slice(0, end));
    }
  }
}

/** The body parsed, or the text itself when it is not JSON (the server never gets as far as a turn then). */
function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** Problems with a card the bot sent: invalid card, leftover template, evaluated input, live links. */
function cardProblemsFor(card: unknown): string[] {
  const problems = cardProblems(card).map((problem) => `is not a valid Adaptive Card: ${problem}`);
  const text = JSON.stringify(card);
  if (JSON.stringify(JSON.parse(text)) !== text) problems.push('does not survive a JSON round trip');
  // `${concat('INJ','ECTED')}` typed by a user must never be evaluated by the card templating.
  if (text.includes('INJECTED')) problems.push('evaluated a template expression a user typed');
  for (const { key, holder, text: shown } of stringsIn(card)) {
    const untyped = expressionStarts(shown).filter((start) => !typedExpressions.has(start));
    if (untyped.length > 0)
      problems.push(`has an unexpanded template expression in ${holder}.${key}: ${shown.slice(0, 200)}`);
    const markdown =
      (holder === 'TextBlock' && key === 'text') || (holder === 'FactSet' && (key === 'title' || key === 'value'));
    if (markdown && /(?<!\\)\]\(\s*javascript:/i.test(shown))
      problems.push(`shows a live javascript: link in ${holder}.${key}: ${shown.slice(0, 200)}`);
  }
  return problems;
}

/** The card in an invoke response, if it carries one. */
function cardInReply(reply: Reply): unknown[] {
  if (!reply.text) return [];
  const body = JSON.parse(reply.text) as { type?: unknown; value?: unknown };
  return body.type === 'application/vnd.microsoft.card.adaptive' ? [body.value] : [];
}

/**
 * A turn that throws still answers 200 (see `apologise` in botRuntime.ts): it sends the apology
 * card, or nothing at all when the apology fails too. So: no apology, and a message the server
 * took gets an answer.
 */
function expectTurnCompleted(bot: TestBot, reply: Reply, activity: unknown): void {
  const cards = bot.connector.sentCards();
  const apologies = cards.filter((card) => JSON.stringify(card).includes('something went wrong on my side'));
  expect(
    apologies.map((card) => JSON.stringify(card).slice(-160)),
    `the turn failed; ${told(reply)}`,
  ).toEqual([]);
  const isMessage =
    typeof activity === 'object' && activity !== null && (activity as { type?: unknown }).type === 'message';
  if (isMessage && reply.status === 200)
    expect(cards.length, `the message got no answer; ${told(reply)}`).toBeGreaterThan(0);
}

/** Every card the bot answered with or sent in this turn (or in the background meanwhile). */
function expectSoundCards(bot: TestBot, reply: Reply): void {
  for (const card of [...cardInReply(reply), ...bot.connector.sentCards()])
    expect(cardProblemsFor(card), told(reply)).toEqual([]);
}

// ---- rows in tables ----------------------------------------------------------------------------

async function rowsIn(bot: TestBot, table: string): Promise<Record<string, unknown>[]> {
  const client = TableClient.fromConnectionString(inject('tablesConnectionString'), `${bot.tablePrefix}${table}`, {
    allowInsecureConnection: true,
  });
  const rows: Record<string, unknown>[] = [];
  for await (const row of client.listEntities()) rows.push(row);
  return rows;
}

/** The buddy requests themselves (the table also keeps each applicant's request-id token). */
async function requestRowsIn(bot: TestBot): Promise<Record<string, unknown>[]> {
  return (await rowsIn(bot, 'BuddyRequests')).filter((row) => row.partitionKey === 'request');
}

const explain = (submission: SpoiledSubmission, reply: Reply) =>
  `spoiled ${submission.spoiled.join(', ')}; ${told(reply)}`;

// ---- the properties ----------------------------------------------------------------------------

describe('the server, fuzzed', () => {
  let bot: TestBot;
  let serviceUrl: string;
  let occurrenceIds: string[];
  let realRequestIds: string[];

  beforeAll(async () => {
    bot = await startTestBot(LEAD_ENV);
    serviceUrl = bot.connector.serviceUrl;
    for (const person of [LEAD, MSO, FUZZ_MENTOR])
      await bot.post(installationUpdate('add', { serviceUrl, from: person }));
    // Requests for the leads' card actions to find.
    await postActivity(
      bot.url,
      cardAction(VERBS.submitBuddySignUp, { ...NEW_TO_POST_SIGN_UP }, { serviceUrl, from: MSO }),
    );
    await postActivity(
      bot.url,
      cardAction(VERBS.submitBuddySignUp, { ...MENTOR_SIGN_UP }, { serviceUrl, from: FUZZ_MENTOR }),
    );
    expect(await requestRowsIn(bot), 'the seeded sign-ups').toHaveLength(2);
    realRequestIds = [
      await requestIdOf(bot.storage, MSO, 'newToPost'),
      await requestIdOf(bot.storage, FUZZ_MENTOR, 'mentor'),
    ];
    // Real webinar dates, so card data can name one now and then.
    await bot.post(message('webinar settings', { serviceUrl, from: LEAD }));
    occurrenceIds = [
      ...new Set(
        JSON.stringify(bot.connector.sentCards(personalChatId(LEAD))).match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?=")/g) ??
          [],
      ),
    ];
    expect(occurrenceIds.length, 'webinar dates on the settings card').toBeGreaterThan(0);
  });
  afterAll(() => bot.close());

  it(
    'never answers 5xx to any JSON, or to an activity spoiled by wrong types, missing fields and pollution keys',
    async () => {
      const bodies = fc.oneof(
        { arbitrary: anyJson.map(jsonText), weight: 1 },
        { arbitrary: nearActivity(sampleActivities(serviceUrl)), weight: 3 },
      );
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          bot.connector.clear();
          const parsed = parsedOrText(body);
          rememberTyped(parsed);
          const reply = await postText(bot.url, body);
          await expectStillWell(bot, reply);
          expectTurnCompleted(bot, reply, parsed);
        }),
        { numRuns: RUNS.jsonBodies },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'answers every activity whose fields are stretched to the limits it accepts, without failing the turn',
    async () => {
      // Messages show a failed turn (the apology card); card actions a 5xx.
      const activities = fc.oneof(
        {
          arbitrary: fc
            .tuple(fc.constantFrom(...PHRASES), fc.constantFrom<Person>(MSO, LEAD))
            .map(([text, from]) => message(text, { serviceUrl, from })),
          weight: 3,
        },
        fc.constantFrom(...Object.values(VERBS)).map((verb) => cardAction(verb, {}, { serviceUrl, from: MSO })),
      );
      await fc.assert(
        // The counterexample names the field, the length and the character first.
        fc.asyncProperty(stretchedActivity(activities), async ({ activity }) => {
          bot.connector.clear();
          const reply = await postActivity(bot.url, activity);
          await expectStillWell(bot, reply);
          expectTurnCompleted(bot, reply, activity);
        }),
        { numRuns: RUNS.stretchedFields },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'answers every activity with a schema field of the wrong type: a 400, or a turn that completes',
    async () => {
      const activities = fc.oneof(
        fc
          .tuple(fc.constantFrom(...PHRASES), fc.constantFrom<Person>(MSO, LEAD))
          .map(([text, from]) => message(text, { serviceUrl, from })),
        fc
          .constantFrom(VERBS.showHelp, VERBS.askQuestion)
          .map((verb) => cardAction(verb, { intent: 'help' }, { serviceUrl, from: MSO })),
      );
      await fc.assert(
        // The counterexample names the field and the value first.
        fc.asyncProperty(mistypedActivity(activities), async ({ activity }) => {
          bot.connector.clear();
          const reply = await postActivity(bot.url, activity);
          await expectStillWell(bot, reply);
          expectTurnCompleted(bot, reply, activity);
        }),
        { numRuns: RUNS.mistypedFields },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never answers 5xx to bodies that are not JSON, cut short or odd bytes, whatever the method and headers',
    async () => {
      await fc.assert(
        fc.asyncProperty(rawRequest(nearActivity(sampleActivities(serviceUrl))), async (request) => {
          rememberTyped(parsedOrText(new TextDecoder().decode(request.body)));
          await expectStillWell(bot, await send(bot.url, request));
        }),
        { numRuns: RUNS.rawRequests },
      );
      // Longer: each unanswered request costs ANSWER_WITHIN_MS while a failure shrinks.
    },
    2 * PROPERTY_TIMEOUT_MS,
  );

  it(
    'never answers 5xx to a card action, for any verb, any data, from anyone, anywhere',
    async () => {
      const plausible = plausibleFieldValues(occurrenceIds, realRequestIds);
      const clicks = fc
        .record({
          verb: anyVerb,
          from: fc.oneof(fc.constantFrom<Person>(MSO, LEAD), stranger),
          conversation: conversationKind,
          // Mostly absent or well formed: property one spoils the activity itself.
          replyToId: fc.option(fc.constantFrom('card-1', 'activity-2'), { freq: 2 }),
        })
        .chain((click) => cardData(click.verb, plausible).map((data) => ({ ...click, data })));
      await fc.assert(
        fc.asyncProperty(clicks, async ({ verb, from, conversation, replyToId, data }) => {
          bot.connector.clear();
          rememberTyped(data);
          const activity = {
            ...cardAction(verb, data, { serviceUrl, from, ...(conversation ? { conversation } : {}) }),
            ...(replyToId === null ? {} : { replyToId }),
          };
          const reply = await postActivity(bot.url, activity);
          await expectStillWell(bot, reply);
          expectTurnCompleted(bot, reply, activity);
          expectSoundCards(bot, reply);
        }),
        { numRuns: RUNS.cardActions },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never answers 5xx or fails a turn on a message, and every card it replies with is sound, with nothing the user typed evaluated',
    async () => {
      const fragment = fc.oneof(
        { arbitrary: awkwardText(50_000), weight: 4 },
        { arbitrary: fc.constantFrom(...PHRASES), weight: 3 },
        { arbitrary: fc.constantFrom(...INJECTIONS), weight: 3 },
      );
      const messages = fc.record({
        text: fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join(' ')),
        from: fc.constantFrom<Person>(MSO, LEAD),
        conversation: conversationKind,
        mention: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(messages, async ({ text, from, conversation, mention }) => {
          bot.connector.clear();
          const typed = mention ? `<at>${BOT.name}</at> ${text}` : text;
          rememberTyped(typed);
          const activity = {
            ...message(typed, { serviceUrl, from, ...(conversation ? { conversation } : {}) }),
            ...(mention ? { entities: [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }] } : {}),
          };
          const reply = await postActivity(bot.url, activity);
          await expectStillWell(bot, reply);
          expectTurnCompleted(bot, reply, activity);
          expectSoundCards(bot, reply);
        }),
        { numRuns: RUNS.messages },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('an invalid submission, fuzzed', () => {
  let bot: TestBot;
  let serviceUrl: string;
  /** A date on the stored schedule, and a fresh "send it now" offer for it. */
  let occurrenceId: string;
  let savedSettings: unknown;

  const press = (verb: string, data: Record<string, unknown>, from: Person) =>
    postActivity(bot.url, cardAction(verb, data, { serviceUrl, from }));

  beforeAll(async () => {
    bot = await startTestBot(LEAD_ENV);
    serviceUrl = bot.connector.serviceUrl;
    for (const person of [LEAD, MSO]) await bot.post(installationUpdate('add', { serviceUrl, from: person }));
    const saved = await press(VERBS.saveWebinarSchedule, STORED_SCHEDULE, LEAD);
    expect(saved.text, told(saved)).toContain('Saved');
    savedSettings = await bot.storage.webinarSettings.load();
    bot.connector.clear();
    await bot.post(message('send webinar reminder now', { serviceUrl, from: LEAD }));
    const offer = JSON.stringify(bot.connector.sentCards(personalChatId(LEAD))).match(
      /"occurrenceId":"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})"/,
    );
    occurrenceId = offer?.[1] ?? '';
    expect(occurrenceId, 'the "send it now" card names a webinar').not.toBe('');
  });
  afterAll(() => bot.close());

  it(
    'stores no buddy request from a sign-up the form refuses',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          invalidSignUp,
          fc.oneof(fc.constantFrom<Person>(MSO, LEAD), stranger),
          async (submission, from) => {
            const reply = await press(VERBS.submitBuddySignUp, submission.data, from);
            await expectStillWell(bot, reply);
            expect(await rowsIn(bot, 'BuddyRequests'), explain(submission, reply)).toEqual([]);
          },
        ),
        { numRuns: RUNS.signUps },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'keeps the stored webinar schedule when the lead saves a bad rule, time, length, topic, date or link',
    async () => {
      await fc.assert(
        fc.asyncProperty(invalidSchedule, async (submission) => {
          const reply = await press(VERBS.saveWebinarSchedule, submission.data, LEAD);
          await expectStillWell(bot, reply);
          expect(await bot.storage.webinarSettings.load(), explain(submission, reply)).toEqual(savedSettings);
        }),
        { numRuns: RUNS.schedules },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'keeps the stored webinar dates when the lead changes one with bad data or a date not on the schedule',
    async () => {
      await fc.assert(
        fc.asyncProperty(invalidOccurrenceChange(occurrenceId), async (submission) => {
          const reply = await press(VERBS.changeWebinarOccurrence, submission.data, LEAD);
          await expectStillWell(bot, reply);
          expect(await bot.storage.webinarSettings.load(), explain(submission, reply)).toEqual(savedSettings);
        }),
        { numRuns: RUNS.occurrenceChanges },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'starts no broadcast from a "send it now" confirmation with bad data, or from someone who is not a lead',
    async () => {
      const notLead = fc.oneof(fc.constant(MSO), stranger);
      const confirmations = fc.oneof(
        fc.record({ submission: invalidReminderNow(occurrenceId), from: fc.constant(LEAD) }),
        fc.record({
          submission: broadcastId.map((id): SpoiledSubmission => ({
            data: { occurrenceId, broadcastId: id },
            spoiled: ['who'],
          })),
          from: notLead,
        }),
      );
      await fc.assert(
        fc.asyncProperty(confirmations, async ({ submission, from }) => {
          const reply = await press(VERBS.confirmReminderNow, submission.data, from);
          await expectStillWell(bot, reply);
          expect(
            [...(await rowsIn(bot, 'Broadcasts')), ...(await rowsIn(bot, 'Outbox'))],
            explain(submission, reply),
          ).toEqual([]);
        }),
        { numRuns: RUNS.remindersNow },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  // Run last: proves the checks above would have seen a stored row.
  it('does store the same submissions once they are valid', async () => {
    await press(
      VERBS.submitBuddySignUp,
      { ...NEW_TO_POST_SIGN_UP },
      { id: '29:fuzz-valid-1', name: 'Valid Example', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000001' },
    );
    await press(
      VERBS.submitBuddySignUp,
      { ...MENTOR_SIGN_UP },
      { id: '29:fuzz-valid-2', name: 'Valid Example', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002' },
    );
    expect(await requestRowsIn(bot)).toHaveLength(2);

    await press(VERBS.confirmReminderNow, { occurrenceId, broadcastId: 'n0123456789abcdef' }, LEAD);
    expect(await rowsIn(bot, 'Broadcasts')).not.toEqual([]);

    await press(
      VERBS.changeWebinarOccurrence,
      { occurrenceId, occurrenceTopic: 'Changed', occurrenceJoinUrl: '', cancelled: 'false' },
      LEAD,
    );
    const changed = await bot.storage.webinarSettings.load();
    expect(changed.changes).toHaveLength(1);

    await press(VERBS.saveWebinarSchedule, { ...UNSAVED_SCHEDULE }, LEAD);
    expect((await bot.storage.webinarSettings.load()).schedule?.topic).toBe(UNSAVED_SCHEDULE.topic);
  });
});

describe('the server with authentication on, fuzzed with forged tokens', () => {
  const APP_ID = '0f0e0d0c-0b0a-4908-8706-050403020100';
  let login: LoginService;
  let bot: TestBot;
  beforeAll(async () => {
    login = await new LoginService().start();
    bot = await startTestBot({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      BotOpenIdMetadata: login.metadataUrl,
      ALLOWED_TENANT_IDS: TEST_TENANT_ID,
    });
  });
  afterAll(async () => {
    await bot.close();
    await login.stop();
  });

  it(
    'answers every forged token with 401 (431 when the header is too large), never 5xx, and runs no turn',
    async () => {
      const where = { serviceUrl: bot.connector.serviceUrl };
      await fc.assert(
        fc.asyncProperty(
          forgedAuthorization(login.keyId, APP_ID, bot.connector.serviceUrl),
          fc.constantFrom(message('help', where), installationUpdate('add', where)),
          async (authorization, activity) => {
            const reply = await send(bot.url, {
              method: 'POST',
              path: '/api/messages',
              headers: { 'content-type': 'application/json', authorization },
              body: new TextEncoder().encode(JSON.stringify(activity)),
            });
            // 431: a header past Node's 16 KB limit is refused before anything reads it.
            expect([401, 431], told(reply)).toContain(reply.status);
          },
        ),
        { numRuns: RUNS.tokens },
      );
      expect(bot.connector.calls).toEqual([]);
      expect(await bot.storage.conversations.get(personalChatId(MSO))).toBeUndefined();
    },
    PROPERTY_TIMEOUT_MS,
  );
});

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

describe('display names, fuzzed', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(LEAD_ENV);
    await bot.post(installationUpdate('add', { serviceUrl: bot.connector.serviceUrl, from: LEAD }));
  });
  afterAll(() => bot.close());

  it(
    'reach cards and records at most 100 characters long, without direction overrides or control characters',
    async () => {
      const serviceUrl = bot.connector.serviceUrl;
      await fc.assert(
        fc.asyncProperty(stranger, awkwardName, async (person, name) => {
          bot.connector.clear();
          const from = { ...person, name };
          const reply = await postActivity(
            bot.url,
            cardAction(VERBS.submitBuddySignUp, { ...NEW_TO_POST_SIGN_UP }, { serviceUrl, from }),
          );
          await expectStillWell(bot, reply);
          const requests = await bot.storage.buddyRequests.list({ userId: person.aadObjectId });
          expect(requests, told(reply)).toHaveLength(1);
          const stored = requests[0]?.request.name ?? '';
          const shown = stringsIn([bot.connector.sentActivities(personalChatId(LEAD)), parsedOrText(reply.text)]).map(
            ({ text }) => text,
          );
          expect(Array.from(stored).length, told(reply)).toBeLessThanOrEqual(100);
          expect(stored, 'the stored name').not.toMatch(INVISIBLE);
          expect(
            shown.filter((text) => INVISIBLE.test(text)),
            'what the cards show',
          ).toEqual([]);
        }),
        { numRuns: RUNS.names },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
