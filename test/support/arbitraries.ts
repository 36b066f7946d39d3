import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc, { type Arbitrary } from 'fast-check';
import { FOCUS_AREA_IDS, WAYS_IN } from '../../src/features/buddy/buddyScheme.js';
import { OCCURRENCE_FIELDS, SCHEDULE_FIELDS, SHOWN_FIELDS } from '../../src/features/webinar/settingsForm.js';
import { VERBS } from '../../src/features/verbs.js';
import { REGION_CODES } from '../../src/features/directory/referenceData.js';
import { INTENTS } from '../../src/features/questions/intents.js';
import {
  BOT,
  botAddedToConversation,
  cardAction,
  installationUpdate,
  LEAD,
  message,
  MSO,
  type Activity,
  type Person,
} from './activities.js';

/**
 * JSON kept as a tree of entries rather than as objects, so that a key such as `__proto__`
 * survives to the text the server receives (an object literal would set the prototype instead).
 */
export type JsonTree = null | boolean | number | string | NumberText | readonly JsonTree[] | JsonObject;
/** A number written as the sender chose: `1e400`, `-0`, thirty digits. */
export interface NumberText {
  readonly kind: 'number';
  readonly text: string;
}
export interface JsonObject {
  readonly kind: 'object';
  readonly entries: readonly (readonly [string, JsonTree])[];
}

const objectOf = (entries: readonly (readonly [string, JsonTree])[]): JsonObject => ({ kind: 'object', entries });
const isObject = (tree: JsonTree): tree is JsonObject =>
  typeof tree === 'object' && tree !== null && !Array.isArray(tree) && 'entries' in tree;

/** The JSON text of a tree; keys appear in order, repeated keys and `__proto__` included. */
export function jsonText(tree: JsonTree): string {
  if (Array.isArray(tree)) return `[${tree.map(jsonText).join(',')}]`;
  if (tree !== null && typeof tree === 'object') {
    if (isObject(tree))
      return `{${tree.entries.map(([key, value]) => `${JSON.stringify(key)}:${jsonText(value)}`).join(',')}}`;
    return (tree as NumberText).text;
  }
  return JSON.stringify(tree);
}

/** The tree of a plain JSON value, such as an activity from the builders. */
export function treeOf(value: unknown): JsonTree {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
    return value;
  if (Array.isArray(value)) return value.map(treeOf);
  if (typeof value === 'object')
    return objectOf(Object.entries(value).map(([key, entry]) => [key, treeOf(entry)] as const));
  return null;
}

/** Parsed from text, so pollution keys are the object's own keys, as they are on the server. */
export function parsedRecord(tree: JsonObject): Record<string, unknown> {
  return JSON.parse(jsonText(tree)) as Record<string, unknown>;
}

// ---- text -------------------------------------------------------------------------------------

/** Characters that have broken parsers, storage and renderers before. */
const AWKWARD_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff', // lone surrogates
  '\u{1f600}',
  '\u{1f469}\u200d\u{1f469}\u200d\u{1f467}',
  '\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}',
  'e\u0301',
  'Z\u0351\u036b\u0343\u036a',
  'עברית',
  'العربية',
  'ﷺ',
  '中文',
  '𝕏',
  'İ',
  'ß',
  'ǅ',
  '"',
  "'",
  '\\',
  '/',
  '`',
  '%',
  '&',
  '#',
  '?',
  '+',
  ':',
  ';',
  '|',
  '<',
  '>',
  '{',
  '}',
  '[',
  ']',
  '$',
];

/** Fragments aimed at the bot's own layers: templating, Markdown, mentions, OData, HTML. */
export const INJECTIONS = [
  '${',
  '${$root}',
  '${$root.secret}',
  "${concat('INJ','ECTED')}",
  "${if(true,'INJ','ECTED')}",
  '$when',
  '{{name}}',
  '%s%s%n',
  '[click](javascript:alert(1))',
  '](javascript:alert(1))',
  '![x](https://example.org/x.png)',
  '**bold**',
  '_i_',
  '# heading',
  '> quote',
  '- item',
  '1. item',
  '```code```',
  '|a|b|',
  `<at>${BOT.name}</at>`,
  '<at>Sam Example</at>',
  '<at>',
  '</at>',
  '<at></at>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;at&gt;',
  "' or 1 eq 1 or '",
  "PartitionKey eq 'x'",
  '../../etc/passwd',
  '%2e%2e%2f',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
];

/** Things people really type to the bot, so fuzzed text reaches the intents behind them. */
export const PHRASES = [
  'help',
  'who is the MSO for Leeds',
  'who is my regional lead',
  'when is the next webinar?',
  'webinar settings',
  'send webinar reminder now',
  'join the buddy scheme',
  'my buddy request',
  'pending requests',
  'stop reminders',
  'start reminders',
  'show my data',
  'delete my data',
  'I work at Leeds Teaching Hospitals',
  'audit log',
  'reminder report',
  'RR8',
  'Y56',
];

/** One code point anywhere in Unicode, lone surrogates included. */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((point) => String.fromCodePoint(point));
const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

const textUnit = fc.oneof(
  { arbitrary: printableAscii, weight: 6 },
  { arbitrary: anyCodePoint, weight: 3 },
  { arbitrary: fc.constantFrom(...AWKWARD_CHARACTERS), weight: 3 },
  { arbitrary: fc.constantFrom(...INJECTIONS), weight: 1 },
);

/** Short awkward text: any Unicode, lone surrogates, RTL marks, emoji, NUL, injection fragments. */
export const shortText = (maxLength = 24): Arbitrary<string> => fc.string({ unit: textUnit, maxLength });

/** Text from a few hundred to ~300 000 characters: a seed repeated (the length shrinks). */
export const hugeText = (maxLength = 300_000): Arbitrary<string> =>
  fc
    .record({
      seed: fc.string({ unit: textUnit, minLength: 1, maxLength: 8 }),
      length: fc.integer({ min: 300, max: maxLength }),
    })
    .map(({ seed, length }) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length));

/** Mostly short text, sometimes longer, now and then huge. */
export const awkwardText = (hugeMax = 300_000): Arbitrary<string> =>
  fc.oneof(
    { arbitrary: shortText(), weight: 20 },
    { arbitrary: fc.string({ unit: textUnit, minLength: 25, maxLength: 400 }), weight: 3 },
    { arbitrary: hugeText(hugeMax), weight: 1 },
  );

// ---- JSON values -------------------------------------------------------------------------------

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** What a successful pollution would leave on Object.prototype. */
export const POLLUTION_MARK = 'polluted';

const numberTexts = fc.constantFrom(
  '1e400',
  '-1e400',
  '-0',
  '0.0000000000000000000001',
  '123456789012345678901234567890',
  '9007199254740993',
  '1E2',
  '-0.0e-0',
);

const leaf: Arbitrary<JsonTree> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  numberTexts.map((text): NumberText => ({ kind: 'number', text })),
  fc.oneof(
    { arbitrary: shortText(), weight: 40 },
    { arbitrary: fc.string({ unit: textUnit, minLength: 25, maxLength: 400 }), weight: 4 },
    { arbitrary: hugeText(), weight: 1 },
  ),
);

/** `{"__proto__": {"polluted": "yes"}}`, `{"constructor": {"prototype": {...}}}` and friends, as values. */
const pollutionPayload: Arbitrary<JsonTree> = fc.constantFrom<JsonTree>(
  objectOf([[POLLUTION_MARK, 'yes']]),
  objectOf([
    [POLLUTION_MARK, 'yes'],
    ['isLead', true],
    ['toString', 'not a function'],
    ['valueOf', 1],
  ]),
  objectOf([['prototype', objectOf([[POLLUTION_MARK, 'yes']])]]),
  objectOf([['__proto__', objectOf([[POLLUTION_MARK, 'yes']])]]),
  objectOf([['constructor', objectOf([['prototype', objectOf([[POLLUTION_MARK, 'yes']])]])]]),
  [objectOf([[POLLUTION_MARK, 'yes']])],
);

/** Fields of a Bot Framework activity and its accounts, checked by the server or only by the SDK. */
const ACTIVITY_KEYS = [
  'type',
  'id',
  'text',
  'from',
  'recipient',
  'conversation',
  'channelData',
  'tenant',
  'value',
  'action',
  'data',
  'verb',
  'name',
  'entities',
  'attachments',
  'serviceUrl',
  'membersAdded',
  'aadObjectId',
  'role',
  'locale',
  'localTimezone',
  'textFormat',
  'inputHint',
  'importance',
  'deliveryMode',
  'callerId',
  'relatesTo',
  'properties',
  'isGroup',
  'conversationType',
  'tenantId',
  'replyToId',
];

export const anyKey: Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...POLLUTION_KEYS), weight: 3 },
  { arbitrary: fc.constantFrom(...ACTIVITY_KEYS, POLLUTION_MARK, 'hasOwnProperty', 'toJSON', 'then', ''), weight: 2 },
  { arbitrary: shortText(12), weight: 2 },
);

/** Any JSON at all, with pollution keys at any depth. */
export const anyJson: Arbitrary<JsonTree> = fc.letrec<{ tree: JsonTree; array: JsonTree; object: JsonTree }>((tie) => ({
  tree: fc.oneof({ maxDepth: 4, depthIdentifier: 'json' }, leaf, tie('array'), tie('object'), pollutionPayload),
  array: fc.array(tie('tree'), { maxLength: 4, depthIdentifier: 'json' }),
  object: fc.array(fc.tuple(anyKey, tie('tree')), { maxLength: 5, depthIdentifier: 'json' }).map(objectOf),
})).tree;

// ---- people and places -------------------------------------------------------------------------

/** Someone the bot has never met, with an Entra id of their own. */
export const stranger: Arbitrary<Person> = fc
  .uuid()
  .map((aadObjectId) => ({ id: `29:fuzz-${aadObjectId}`, name: 'Fuzz Example', aadObjectId }));

const FUZZ_CHANNEL = { id: '19:fuzz-channel@thread.tacv2', conversationType: 'channel' } as const;
const FUZZ_GROUP_CHAT = { id: '19:fuzz-group@thread.v2', conversationType: 'groupChat' } as const;

/** The person's personal chat (undefined), a channel or a group chat. */
export const conversationKind = fc.constantFrom(undefined, FUZZ_CHANNEL, FUZZ_GROUP_CHAT);

// ---- activities --------------------------------------------------------------------------------

type Path = readonly number[];

/** Every position in a tree (entry or element indices), the root included. */
function pathsOf(tree: JsonTree, prefix: Path = []): Path[] {
  const children = Array.isArray(tree)
    ? (tree as readonly JsonTree[])
    : isObject(tree)
      ? tree.entries.map(([, value]) => value)
      : [];
  return [prefix, ...children.flatMap((child, index) => pathsOf(child, [...prefix, index]))];
}

function nodeAt(tree: JsonTree, path: Path): JsonTree | undefined {
  let node: JsonTree | undefined = tree;
  for (const index of path) {
    if (node === undefined) return undefined;
    node = Array.isArray(node)
      ? (node as readonly JsonTree[])[index]
      : isObject(node)
        ? node.entries[index]?.[1]
        : undefined;
  }
  return node;
}

/** The tree with the node at `path` replaced (or removed, when `change` gives undefined). */
function updateAt(tree: JsonTree, path: Path, change: (node: JsonTree) => JsonTree | undefined): JsonTree | undefined {
  const [index, ...rest] = path;
  if (index === undefined) return change(tree);
  const update = (child: JsonTree, at: number) => (at === index ? updateAt(child, rest, change) : child);
  if (Array.isArray(tree)) {
    return (tree as readonly JsonTree[]).map(update).filter((child): child is JsonTree => child !== undefined);
  }
  if (isObject(tree)) {
    return objectOf(
      tree.entries
        .map(([key, value], at) => [key, update(value, at)] as const)
        .filter((entry): entry is readonly [string, JsonTree] => entry[1] !== undefined),
    );
  }
  return tree;
}

interface Mutation {
  /** `stretch` makes a string field exactly `length` code points long. */
  kind: 'replace' | 'delete' | 'insert' | 'stretch';
  /** Which position, modulo the number of positions. */
  at: number;
  key: string;
  value: JsonTree;
  length: number;
  unit: string;
}

/** Lengths either side of the server's limits (64, 128, 256, 1024, 2048, 40 000) and of a 512-character table key. */
const BOUNDARY_LENGTHS = [
  0, 1, 63, 64, 65, 127, 128, 129, 255, 256, 257, 384, 385, 512, 1023, 1024, 1025, 2048, 2049, 40_000, 40_001,
];

const mutation: Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'delete', 'insert', 'stretch'),
  at: fc.nat(),
  key: anyKey,
  value: anyJson,
  length: fc.constantFrom(...BOUNDARY_LENGTHS),
  unit: fc.constantFrom('x', '\u00e9', '\u4e2d', '\u{1f600}', '\u0000'),
});

function mutate(tree: JsonTree, { kind, at, key, value, length, unit }: Mutation): JsonTree {
  const paths =
    kind === 'stretch' ? pathsOf(tree).filter((path) => typeof nodeAt(tree, path) === 'string') : pathsOf(tree);
  const path = paths[at % paths.length] ?? [];
  const changed = updateAt(tree, path, (node) => {
    if (kind === 'stretch') return typeof node === 'string' ? unit.repeat(length) : node;
    if (kind === 'replace') return value;
    if (kind === 'delete') return path.length === 0 ? node : undefined;
    if (Array.isArray(node)) return [...(node as readonly JsonTree[]), value];
    if (isObject(node)) return objectOf([...node.entries, [key, value]]);
    return node;
  });
  return changed ?? tree;
}

/** The kinds of activity Teams sends, well formed, before they are spoiled. */
export function sampleActivities(serviceUrl: string): Arbitrary<Activity> {
  const from = fc.constantFrom(MSO, LEAD);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...PHRASES), from).map(([text, person]) => message(text, { serviceUrl, from: person })),
    fc
      .tuple(fc.constantFrom(...Object.values(VERBS)), from)
      .map(([verb, person]) => cardAction(verb, {}, { serviceUrl, from: person })),
    from.map((person) => installationUpdate('add', { serviceUrl, from: person })),
    fc.constant(null).map(() => botAddedToConversation({ serviceUrl, conversation: FUZZ_CHANNEL })),
    fc
      .constantFrom(
        'messageReaction',
        'event',
        'typing',
        'endOfConversation',
        'messageUpdate',
        'messageDelete',
        'invoke',
        'somethingNew',
      )
      .map((type) => ({
        ...message('', { serviceUrl }),
        type,
        text: undefined,
        name: type === 'invoke' ? 'composeExtension/query' : undefined,
      })),
  );
}

/** A well-formed activity spoiled by a few edits: wrong types, fields removed or stretched to a limit, keys added at any depth. */
export function nearActivity(activities: Arbitrary<Activity>): Arbitrary<string> {
  return fc
    .tuple(activities, fc.array(mutation, { maxLength: 4 }))
    .map(([activity, mutations]) => jsonText(mutations.reduce(mutate, treeOf(JSON.parse(JSON.stringify(activity))))));
}

/** Every string field of a plain object, as a path of keys and indices. */
function stringFields(value: unknown, path: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item: unknown, index) => stringFields(item, [...path, index]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringFields(item, [...path, key]));
  return [];
}

function withFieldSet(value: unknown, path: readonly (string | number)[], text: string): unknown {
  const [step, ...rest] = path;
  if (step === undefined) return text;
  if (Array.isArray(value))
    return value.map((item: unknown, index) => (index === step ? withFieldSet(item, rest, text) : item));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, key === step ? withFieldSet(item, rest, text) : item]),
    );
  return value;
}

export interface StretchedActivity {
  field: string;
  length: number;
  unit: string;
  activity: Activity;
}

/** A well-formed activity with one string field made exactly as long as a limit, or one past it, in one- to four-byte characters. */
export function stretchedActivity(activities: Arbitrary<Activity>): Arbitrary<StretchedActivity> {
  return fc
    .record({
      activity: activities,
      at: fc.nat(),
      length: fc.constantFrom(...BOUNDARY_LENGTHS),
      unit: fc.constantFrom('x', '\u00e9', '\u4e2d', '\u{1f600}'),
    })
    .map(({ activity, at, length, unit }) => {
      const fields = stringFields(activity);
      const path = fields[at % fields.length] ?? [];
      return {
        field: path.join('.'),
        length,
        unit,
        activity: withFieldSet(activity, path, unit.repeat(length)) as Activity,
      };
    });
}

/**
 * Fields of the Bot Framework activity schema by the object that holds them: the server checks
 * some, the SDK types all of them, and some go back out in the reply.
 */
const SCHEMA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  '': [
    'locale',
    'localTimezone',
    'localTimestamp',
    'textFormat',
    'inputHint',
    'importance',
    'deliveryMode',
    'callerId',
    'replyToId',
    'label',
    'valueType',
    'summary',
    'speak',
    'topicName',
    'expiration',
    'attachmentLayout',
    'suggestedActions',
    'relatesTo',
    'semanticAction',
    'listenFor',
  ],
  from: ['id', 'name', 'aadObjectId', 'role', 'properties'],
  recipient: ['id', 'name', 'aadObjectId', 'role', 'properties'],
  conversation: ['id', 'name', 'aadObjectId', 'role', 'isGroup', 'conversationType', 'tenantId', 'properties'],
  channelData: ['tenant', 'team', 'channel', 'eventType', 'settings', 'notification'],
};

export interface MistypedActivity {
  field: string;
  value: unknown;
  activity: Activity;
}

const wrongTypedValue: Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.dictionary(fc.constantFrom('id', 'name', POLLUTION_MARK), fc.oneof(fc.integer(), fc.string()), { maxKeys: 2 }),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 2 }),
);

/** A well-formed activity with one schema field set to a value of the wrong type. */
export function mistypedActivity(activities: Arbitrary<Activity>): Arbitrary<MistypedActivity> {
  const fields = Object.entries(SCHEMA_FIELDS).flatMap(([holder, keys]) =>
    keys.map((key) => (holder ? `${holder}.${key}` : key)),
  );
  return fc
    .record({ activity: activities, field: fc.constantFrom(...fields), value: wrongTypedValue })
    .map(({ activity, field, value }) => {
      const dot = field.indexOf('.');
      const holder = dot < 0 ? '' : field.slice(0, dot);
      const key = field.slice(dot + 1);
      const changed = holder
        ? { ...activity, [holder]: { ...(activity[holder] as object), [key]: value } }
        : { ...activity, [key]: value };
      return { field, value, activity: changed };
    });
}

// ---- raw requests ------------------------------------------------------------------------------

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/vnd.api+json',
  'text/json',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=b',
  'multipart/form-data',
  'application/octet-stream',
  'application/jsonp',
  '*/*',
  '',
  ';',
  'application/json; boundary=__proto__',
];

const compress = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;

/** Bodies that are not JSON, JSON cut short, odd bytes, sent with wrong or odd headers. */
export function rawRequest(jsonBodies: Arbitrary<string>): Arbitrary<RawRequest> {
  const text = fc.oneof(
    awkwardText(),
    jsonBodies,
    jsonBodies.chain((body) => fc.nat(body.length).map((cut) => body.slice(0, cut))),
  );
  // Cross-shrinking lets a failing body shrink to a few bytes, whichever kind it started as.
  const body = fc.oneof(
    { withCrossShrink: true },
    fc.uint8Array({ maxLength: 2000 }),
    text.map((value) => new Uint8Array(Buffer.from(value, 'utf8'))),
    // UTF-16 and a byte-order mark: valid text, not UTF-8.
    jsonBodies.map(
      (value) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(value, 'utf16le')])),
    ),
    // Really compressed, for the content-encoding headers.
    fc
      .tuple(jsonBodies, fc.constantFrom('gzip', 'deflate', 'br'))
      .map(([value, encoding]) => new Uint8Array(compress[encoding](value))),
  );
  return fc.record({
    method: fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant('POST'), weight: 8 },
      fc.constantFrom('PUT', 'PATCH', 'DELETE', 'GET', 'OPTIONS'),
    ),
    path: fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant('/api/messages'), weight: 6 },
      fc.constantFrom(
        '/api/messages/',
        '/api/messages?__proto__[polluted]=yes',
        '/api/messages?constructor[prototype][polluted]=yes',
        '/api//messages',
        '/API/MESSAGES',
        '/api/messages%00',
        '/api/messages/..%2f..%2fhealth',
      ),
    ),
    headers: fc.record(
      {
        'content-type': fc.constantFrom(...CONTENT_TYPES),
        'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip'),
        authorization: fc.constantFrom('Bearer ', 'Bearer not.a.jwt', 'Basic Og==', '__proto__'),
        accept: fc.constantFrom('application/xml', '*/*', 'text/html'),
      },
      { requiredKeys: [] },
    ),
    body,
  });
}

// ---- card submissions --------------------------------------------------------------------------

/** A mentor the fuzzing suites sign up first, so that decisions and matches find real requests. */
export const FUZZ_MENTOR: Person = {
  id: '29:fuzz-mentor',
  name: 'Mentor Example',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000f1',
};

/** Request ids that are well formed but belong to nobody, and ids that are not well formed. */
const madeUpRequestIds = [
  `mentor.${'A'.repeat(22)}`,
  'newToPost.aaaaaaaa-0000-4000-8000-000000000001',
  'mentor.x',
  `develop.${'A'.repeat(300)}`,
  'newToPost.',
  'boss.abc',
  'mentor.a/b',
  "newToPost.x' or 'a' eq 'a",
];

/**
 * Values a real card could send for each field, so handlers get past their first check now and then:
 * real webinar dates and the ids of real requests among made-up ones.
 */
export function plausibleFieldValues(
  occurrenceIds: readonly string[],
  realRequestIds: readonly string[],
): Record<string, readonly string[]> {
  const requestIds = [...realRequestIds, ...madeUpRequestIds];
  const occurrences = [...occurrenceIds, '2031-01-01T10:00', '2020-01-09T13:00', '2031-01-01 10:00'];
  return {
    intent: INTENTS,
    then: INTENTS,
    code: ['RR8', 'RAE', 'R0A', 'ZZZ99', 'X'],
    organisation: ['Leeds Teaching Hospitals', 'Leeds', 'St', ''],
    region: [...REGION_CODES, ''],
    wayIn: WAYS_IN,
    monthsInRole: ['0', '3', '600', '601'],
    focusAreas: [FOCUS_AREA_IDS.join(','), FOCUS_AREA_IDS[0], ''],
    capacity: ['1', '2', '5', '6', ''],
    preferredContact: ['teams', 'email'],
    email: ['sam@example.org', ''],
    note: ['', 'Keen on insulin safety.'],
    consent: ['true', 'false'],
    requestId: requestIds,
    mentor: requestIds,
    decision: ['approve', 'decline'],
    reason: ['', 'Not this year.'],
    rule: [
      'FREQ=MONTHLY;BYDAY=-1FR',
      'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
      'FREQ=DAILY',
      'FREQ=MONTHLY;BYDAY=ZZ',
      'RRULE:FREQ=WEEKLY;COUNT=1',
    ],
    firstDate: ['', '2031-02-03', '2025-02-30'],
    startTime: ['10:00', '13:00:00', '25:61'],
    durationMinutes: ['60', '90', '5'],
    topic: ['Open forum', ''],
    joinUrl: ['https://teams.microsoft.com/l/meetup-join/example', 'http://insecure.example.org', ''],
    occurrenceId: occurrences,
    occurrenceTopic: ['Special edition', ''],
    occurrenceJoinUrl: ['https://teams.microsoft.com/l/meetup-join/other', ''],
    cancelled: ['true', 'false', ''],
    broadcastId: ['n0123456789abcdef', 'nfedcba9876543210', 'n0123'],
    weekOfMonth: ['1', '2', '-1', '5', ''],
    weekday: ['TH', 'MO', 'XX', ''],
    recordingUrl: ['https://example.org/recording', 'http://insecure.example.org', ''],
    shownOccurrenceId: occurrences,
    shownTopic: ['Special edition', ''],
    shownJoinUrl: ['https://teams.microsoft.com/l/meetup-join/other', ''],
    shownCancelled: ['true', 'false', ''],
    shownRecordingUrl: ['', 'https://example.org/recording'],
    shownPast: ['true', 'false', ''],
    section: ['national', 'steering', 'answers', 'source', 'Y62', 'Y56', 'Y00', ''],
    sectionHash: ['', 'AAAAAAAAAAAAAAAA'],
    'nationalLead.person.name': ['Pat Example', '', '<b>x</b>'],
    'nationalLead.person.email': ['pat@example.org', 'not an email', ''],
    'regionalNetworks.1.lead.email': ['nw@example.org', 'nope', ''],
    'regionalNetworks.1.leadAadObjectId': ['aaaaaaaa-0000-4000-8000-000000000001', '29:sam-example', 'x', ''],
    'regionalNetworks.1.pageUrl': ['https://example.org/nw', 'http://example.org', ''],
    'steeringGroup.members.0.name': ['Example Member', ''],
    'source.url': ['https://www.sps.nhs.uk/', 'javascript:alert(1)', ''],
    'training.summary': ['There is no formal MSO training.', '', '${x}'],
    'rps.resources.0.url': ['https://www.rpharms.com/', 'http://example.org', ''],
    version: ['0', '1', '2', '999', '-1', 'x'],
    confirmed: ['yes', 'no', ''],
    person: ['aaaaaaaa-0000-4000-8000-000000000001', '29:sam-example', 'nobody', ''],
    id: ['aaaaaaaa-0000-4000-8000-000000000001', '', 'x'.repeat(65)],
  };
}

/** Every input the webinar settings card sends back with any of its buttons. */
const WEBINAR_CARD_FIELDS = [...SCHEDULE_FIELDS, ...OCCURRENCE_FIELDS, ...SHOWN_FIELDS];

/** The data each verb's card sends back. */
export const FIELDS_BY_VERB: Readonly<Record<string, readonly string[]>> = {
  [VERBS.showHelp]: [],
  [VERBS.askQuestion]: ['intent'],
  [VERBS.chooseOrganisation]: ['code', 'then'],
  [VERBS.saveOrganisation]: ['organisation', 'region', 'then'],
  [VERBS.submitBuddySignUp]: [
    'wayIn',
    'organisation',
    'region',
    'monthsInRole',
    'focusAreas',
    'capacity',
    'preferredContact',
    'email',
    'note',
    'consent',
  ],
  [VERBS.decideBuddyRequest]: ['requestId', 'decision', 'mentor', 'reason'],
  [VERBS.matchBuddyRequest]: ['requestId', 'mentor'],
  [VERBS.refreshBuddyRequest]: ['requestId'],
  [VERBS.withdrawBuddyRequest]: ['requestId'],
  [VERBS.saveWebinarSchedule]: WEBINAR_CARD_FIELDS,
  [VERBS.changeWebinarOccurrence]: WEBINAR_CARD_FIELDS,
  [VERBS.showWebinarOccurrence]: WEBINAR_CARD_FIELDS,
  [VERBS.confirmReminderNow]: ['occurrenceId', 'broadcastId'],
  [VERBS.eraseMyData]: [],
  [VERBS.editDirectorySection]: ['section'],
  [VERBS.saveDirectorySection]: [
    'section',
    'sectionHash',
    'nationalLead.person.name',
    'nationalLead.person.email',
    'regionalNetworks.1.lead.email',
    'regionalNetworks.1.leadAadObjectId',
    'regionalNetworks.1.pageUrl',
    'steeringGroup.members.0.name',
    'source.url',
    'training.summary',
    'rps.resources.0.url',
  ],
  [VERBS.restoreDirectoryVersion]: ['version', 'confirmed'],
  [VERBS.addLead]: ['person'],
  [VERBS.removeLead]: ['id', 'confirmed'],
};

const UNKNOWN_VERBS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'SUBMITBUDDYSIGNUP',
  'submitBuddySignUp ',
  'showhelp',
  'x'.repeat(64),
  'x'.repeat(65),
  '',
];

export const anyVerb: Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...Object.values(VERBS)), weight: 12 },
  { arbitrary: fc.constantFrom(...UNKNOWN_VERBS), weight: 1 },
  { arbitrary: shortText(12), weight: 1 },
);

/** Card data for a verb: each field plausible, awkward, of the wrong type or missing; extra keys too. */
export function cardData(
  verb: string,
  plausible: Record<string, readonly string[]>,
): Arbitrary<Record<string, unknown>> {
  // An unknown verb may be `constructor`: look it up as an own key only.
  const fields = (Object.hasOwn(FIELDS_BY_VERB, verb) ? FIELDS_BY_VERB[verb] : undefined) ?? [
    'intent',
    'requestId',
    'rule',
    'occurrenceId',
  ];
  const entries = fields.map((field) => {
    const likely = plausible[field] ?? [''];
    const value = fc.oneof(
      { arbitrary: fc.constantFrom<JsonTree>(...likely), weight: 6 },
      { arbitrary: awkwardText(), weight: 2 },
      { arbitrary: anyJson, weight: 1 },
    );
    return fc.option(
      value.map((chosen) => [field, chosen] as const),
      { freq: 6 },
    );
  });
  const extra = fc.array(fc.tuple(anyKey, anyJson), { maxLength: 2 });
  return fc.tuple(fc.tuple(...entries), extra, fc.boolean()).map(([present, added, extraFirst]) => {
    const known = present.filter((entry): entry is readonly [string, JsonTree] => entry !== null);
    return parsedRecord(objectOf(extraFirst ? [...added, ...known] : [...known, ...added]));
  });
}

// ---- invalid submissions -----------------------------------------------------------------------

/** A field's spoiled value; undefined leaves the field out. */
type Spoiler = Arbitrary<JsonTree | undefined>;

export interface SpoiledSubmission {
  data: Record<string, unknown>;
  /** The fields spoiled, for the failure message. */
  spoiled: string[];
}

/**
 * A valid submission with one to three fields spoiled so that the form must refuse it,
 * plus now and then a pollution key.
 */
export function spoiledSubmission(
  base: Readonly<Record<string, JsonTree>>,
  spoilers: Readonly<Record<string, Spoiler>>,
): Arbitrary<SpoiledSubmission> {
  const fields = Object.keys(spoilers);
  return fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) })
    .chain((spoiled) =>
      fc.tuple(
        fc.constant(spoiled),
        fc.tuple(...spoiled.map((field) => spoilers[field] ?? fc.constant(undefined))),
        fc.array(fc.tuple(fc.constantFrom(...POLLUTION_KEYS), anyJson), { maxLength: 1 }),
      ),
    )
    .map(([spoiled, values, pollution]) => {
      const data = new Map<string, JsonTree>(Object.entries(base));
      spoiled.forEach((field, index) => {
        const value = values[index];
        if (value === undefined) data.delete(field);
        else data.set(field, value);
      });
      return { data: parsedRecord(objectOf([...data, ...pollution])), spoiled };
    });
}

/** Constants and awkward text that the predicate (mirroring the form's rule) confirms are wrong. */
const wrong = (constants: readonly (JsonTree | undefined)[], isWrongText: (text: string) => boolean): Spoiler =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...constants), weight: 3 },
    { arbitrary: shortText().filter(isWrongText), weight: 1 },
  );

/** Text longer than `max` code points (as zod counts) once trimmed. */
const tooLong = (max: number, letter: string): Spoiler =>
  fc
    .tuple(shortText(), fc.integer({ min: max, max: max * 8 }))
    .map(([middle, length]) => `${letter}${middle}${letter.repeat(length)}`);

/** Sign-ups the form accepts: one by organisation, one (a mentor) by region. */
export const NEW_TO_POST_SIGN_UP: Readonly<Record<string, JsonTree>> = {
  wayIn: 'newToPost',
  organisation: 'Leeds Teaching Hospitals',
  region: '',
  monthsInRole: '3',
  focusAreas: 'highRiskMedicines,data',
  capacity: '',
  preferredContact: 'teams',
  email: 'sam@example.org',
  note: '',
  consent: 'true',
};
export const MENTOR_SIGN_UP: Readonly<Record<string, JsonTree>> = {
  wayIn: 'mentor',
  organisation: '',
  region: 'Y56',
  monthsInRole: '48',
  focusAreas: 'data',
  capacity: '2',
  preferredContact: 'email',
  email: 'robin@example.org',
  note: 'Happy to help.',
  consent: 'true',
};

const isFocusAreaList = (text: string) => {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((part) => (FOCUS_AREA_IDS as readonly string[]).includes(part));
};

/** Sign-up spoilers: each value is one `checkSignUp` must refuse (true would read as 'true', so it is not one). */
const signUpSpoilers: Record<string, Spoiler> = {
  consent: wrong(
    [
      undefined,
      'false',
      '',
      'yes',
      'TRUE',
      'on',
      'true\u0000',
      'tru e',
      0,
      1,
      null,
      false,
      [],
      ['true'],
      objectOf([['value', 'true']]),
    ],
    (text) => text.trim() !== 'true',
  ),
  email: wrong(
    [
      undefined,
      '',
      'not an email',
      'sam.example.org',
      'sam@',
      '@example.org',
      'sam@@example.org',
      `${'a'.repeat(250)}@example.org`,
      null,
      42,
      true,
    ],
    (text) => !text.includes('@'),
  ),
  wayIn: wrong(
    [undefined, '', 'boss', 'MENTOR', 'newtopost', 'mentor\u0000', 0, null, objectOf([['__proto__', 'mentor']])],
    (text) => !(WAYS_IN as readonly string[]).includes(text.trim()),
  ),
  monthsInRole: wrong(
    [undefined, '', 'abc', '601', '-1', '1.5', '1e2', '\u0663', '1000', ' ', null, true, 601, -1, 1.5],
    (text) => !/^\s*\d{1,3}\s*$/.test(text),
  ),
  preferredContact: wrong(
    [undefined, '', 'fax', 'TEAMS', 'teams\u0000', null, 1],
    (text) => !['teams', 'email'].includes(text.trim()),
  ),
  focusAreas: wrong(
    [undefined, '', 'nothing', ',,,', 'data,nothing', null, 0, ['data']],
    (text) => !isFocusAreaList(text),
  ),
  note: tooLong(500, 'n'),
  organisation: tooLong(200, 'o'),
  region: wrong(
    ['Atlantis', 'Y57', 'y56', 'Y56 Y58', 57],
    (text) => text.trim() !== '' && !(REGION_CODES as readonly string[]).includes(text.trim()),
  ),
};

/** Sign-ups that must be refused; `wayIn: mentor` with a bad capacity is a spoiler of its own. */
export const invalidSignUp: Arbitrary<SpoiledSubmission> = fc.oneof(
  spoiledSubmission(NEW_TO_POST_SIGN_UP, signUpSpoilers),
  spoiledSubmission(MENTOR_SIGN_UP, signUpSpoilers),
  spoiledSubmission(MENTOR_SIGN_UP, {
    capacity: fc.constantFrom(undefined, '', '0', '6', '10', 'many', '2.5', null, 6),
  }),
);

const https = (text: string) => text.trim() !== '' && !/https:/i.test(text);

/** A schedule that differs from the stored one, so that saving it by mistake would show. */
export const UNSAVED_SCHEDULE: Readonly<Record<string, JsonTree>> = {
  rule: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
  startTime: '11:00',
  durationMinutes: '45',
  firstDate: '',
  topic: 'Never saved',
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/never-saved',
};

const scheduleSpoilers: Record<string, Spoiler> = {
  rule: wrong(
    [
      undefined,
      '',
      '   ',
      'FREQ=MONTHLY;BYDAY=ZZ',
      'NOT A RULE',
      'FREQ=',
      `FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2;${'X'.repeat(300)}`,
      'RRULE:FREQ=MONTHLY;BYDAY=ZZ',
      null,
      42,
    ],
    (text) => !/freq/i.test(text),
  ),
  startTime: wrong(
    [undefined, '', '25:61', '24:00', '9:00', '1pm', '10:00:30', '10-00', '10:60', null, 1000],
    (text) => !/^\s*([01]\d|2[0-3]):([0-5]\d)(?::00)?\s*$/.test(text),
  ),
  durationMinutes: wrong(
    [undefined, '', '0', '14', '481', '1000', 'sixty', '-60', '60.5', null, 0, 481],
    (text) => !/^\s*\d{1,3}\s*$/.test(text),
  ),
  joinUrl: wrong(
    [
      'http://insecure.example.org',
      'javascript:alert(1)',
      'ftp://example.org',
      'not a url',
      `https://${'a'.repeat(2001)}.org`,
      'data:text/html,x',
      42,
    ],
    https,
  ),
  topic: wrong(['Line one\nline two', 'a\rb', 't'.repeat(201)], (text) => /\S[\r\n]+\S/.test(text)),
  firstDate: wrong(
    ['2025-02-30', 'tomorrow', '2031-13-01', '31/01/2031', '2031-1-1', 42],
    (text) => text.trim() !== '' && !/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(text),
  ),
};

export const invalidSchedule: Arbitrary<SpoiledSubmission> = spoiledSubmission(UNSAVED_SCHEDULE, scheduleSpoilers);

/** A change to one date that must be refused: badly formed, or to a date not (or no longer) on the schedule. */
export function invalidOccurrenceChange(occurrenceId: string): Arbitrary<SpoiledSubmission> {
  const base = {
    ...UNSAVED_SCHEDULE,
    occurrenceId,
    occurrenceTopic: 'Never saved either',
    occurrenceJoinUrl: '',
    cancelled: 'true',
  };
  return spoiledSubmission(base, {
    occurrenceId: wrong(
      [undefined, '', 'tomorrow', '2031-01-01 10:00', '2031-01-01T10:00', '2020-01-31T10:00', `${occurrenceId}Z`, null],
      (text) => !/^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\s*$/.test(text),
    ),
    // Absent, empty, null and false all read as "not cancelled", which is valid.
    cancelled: wrong(['maybe', 'TRUE', 'yes', 'on', ' true', 1, 0], (text) => !['true', 'false', ''].includes(text)),
    occurrenceTopic: wrong(['Line one\nline two', 't'.repeat(201)], (text) => /\S[\r\n]+\S/.test(text)),
    occurrenceJoinUrl: wrong(['http://insecure.example.org', 'javascript:alert(1)', 'not a url', 42], https),
  });
}

/** A fresh, well-formed broadcast id, as the confirm card carries. */
export const broadcastId: Arbitrary<string> = fc.stringMatching(/^n[0-9a-f]{16}$/);

/** "Send the reminder now" data a lead's confirm must refuse (nothing may be broadcast). */
export function invalidReminderNow(occurrenceId: string): Arbitrary<SpoiledSubmission> {
  return broadcastId.chain((id) =>
    spoiledSubmission(
      { occurrenceId, broadcastId: id },
      {
        occurrenceId: wrong(
          [
            undefined,
            '',
            'tomorrow',
            '2031-01-01 10:00',
            '2031-01-01T10:00',
            '2020-01-31T10:00',
            ` ${occurrenceId}`,
            null,
            20310101,
          ],
          (text) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text),
        ),
        broadcastId: wrong(
          [
            undefined,
            '',
            'n0123',
            `N${id.slice(1)}`,
            id.toUpperCase(),
            `${id}0`,
            `x${id.slice(1)}`,
            `${id.slice(0, 16)}g`,
            ` ${id}`,
            null,
            123,
          ],
          (text) => !/^n[0-9a-f]{16}$/.test(text),
        ),
      },
    ),
  );
}

// ---- tokens and names --------------------------------------------------------------------------

const base64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * `Authorization` headers an attacker could write: JWTs with any algorithm (none, HS256, RS256 with
 * a made-up signature), the right or a made-up key id, any issuer, audience and dates; broken
 * segments; other schemes. None carries a signature by the real key.
 */
export function forgedAuthorization(keyId: string, appId: string, serviceUrl: string): Arbitrary<string> {
  const header = fc.record(
    {
      alg: fc.constantFrom('none', 'None', 'HS256', 'RS256', 'RS384', 'RS512', 'ES256', 'PS256', ''),
      kid: fc.oneof(fc.constant(keyId), shortText()),
      typ: fc.constant('JWT'),
    },
    { requiredKeys: ['alg'] },
  );
  const claims = fc.record(
    {
      iss: fc.constantFrom(
        'https://api.botframework.com',
        'https://sts.windows.net/x/',
        'https://issuer.example.org',
        '',
      ),
      aud: fc.constantFrom(appId, '11111111-2222-4333-8444-555555555555'),
      serviceurl: fc.constantFrom(serviceUrl, 'https://smba.example.org/'),
      exp: fc.oneof(fc.integer(), fc.constant(Math.floor(Date.now() / 1000) + 3600)),
      nbf: fc.integer(),
    },
    { requiredKeys: [] },
  );
  const signature = fc.oneof(
    fc.constant(''),
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  );
  const jwt = fc
    .tuple(
      fc.oneof(header.map(base64url), fc.string().map(base64url)),
      fc.oneof(claims.map(base64url), anyJson.map(base64url)),
      signature,
    )
    .map((parts) => parts.join('.'));
  return fc.oneof(
    { arbitrary: jwt.map((token) => `Bearer ${token}`), weight: 6 },
    { arbitrary: jwt, weight: 1 },
    // Header values are visible ASCII: anything else never leaves the client.
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom('Bearer ', 'bearer ', 'Basic ', 'Bearer  ', ''),
          fc.string({ unit: printableAscii, maxLength: 200 }),
        )
        .map(([scheme, rest]) => `${scheme}${rest}`.trim()),
      weight: 2,
    },
  );
}

/** Display names as Teams might pass them on: long, right-to-left overrides and isolates, control characters, Markdown. */
export const awkwardName: Arbitrary<string> = fc.oneof(
  shortText(40),
  fc.string({
    unit: fc.oneof(
      printableAscii,
      fc.constantFrom(
        '\u202e',
        '\u202d',
        '\u2066',
        '\u2067',
        '\u2069',
        '\u200f',
        '\u061c',
        '\u0000',
        '\u001b',
        '*',
        '[',
        ']',
      ),
    ),
    maxLength: 120,
  }),
  fc.string({ unit: textUnit, minLength: 101, maxLength: 1024 }),
);
