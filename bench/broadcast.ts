/**
 * `npm run bench:broadcast`: one webinar reminder to 5,000 subscribers, from the real bot
 * (src/index.ts, its own process, tables in Azurite in a third process) to a local connector with
 * Teams' limits (a sliding second of 50 requests per tenant, 7 per conversation), in scenarios:
 *
 *   a. 2% of requests answered 429 (Retry-After: 1) and 1% 503 at random (seeded);
 *   b. the connector silently enforces 30 a second while BROADCAST_RPS is 48;
 *   c. as (a), and the bot is killed (SIGKILL) mid-broadcast and restarted with the same INSTANCE_ID;
 *   d. as (a), then the lead cancels the date: every copy is updated in place, with a short notice.
 *
 * The lead starts each with "send webinar reminder now" and the confirm button. Each prints the
 * elapsed time, the rate while sending and its ratio to the goal, the 429s the bot received,
 * lost and duplicated reminders. `BENCH_SCENARIOS=a,c` runs some; `BENCH_SEED` repeats a run.
 * Loopback only.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import PQueue from 'p-queue';
import { azuriteProcess, freePort, peakRssMiB } from './processes.js';
import {
  cardAction,
  installationUpdate,
  LEAD,
  message,
  personalChatId,
  type Activity,
  type Person,
} from '../test/support/activities.js';
import {
  CONVERSATION_PER_SECOND,
  TeamsLimitedConnector,
  TENANT_PER_SECOND,
  type Card,
  type PostedActivity,
  type Wait,
} from './teamsLimitedConnector.js';

/** 4,699 people, 300 channels and the lead's own chat: 5,000 subscribers in all. */
const PEOPLE = 4_699;
const CHANNELS = 300;
const INSTALLS_AT_ONCE = 20;
const INJECTED_429 = 0.02;
const INJECTED_503 = 0.01;
const REPORT_TIMEOUT_MS = 10 * 60_000;
/** A refused report is retried by the SDK; this is how long to wait for it to get through. */
const REPORT_RETRY_GRACE_MS = 30_000;
const REMINDER_TITLE = /Reminder: the MSO webinar|The MSO webinar is in/;
const REPORT_TITLE = 'Webinar reminder report';
const root = path.resolve(import.meta.dirname, '..');

interface Child {
  name: string;
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** The server's warn and error log lines (pino levels 40 and up): counted, and the first few kept. */
  problems: { count: number; first: string[] };
  /** The rates the bot lowered itself to, each time it heard the tenant's limit (its info log). */
  slowedDown: number[];
}

const children: Child[] = [];

async function startProcess(name: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Child> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  const started: Child = { name, child, port: 0, problems: { count: 0, first: [] }, slowedDown: [] };
  children.push(started);
  let output = '';
  let partialLine = '';
  // Read stdout to the end of the run: a full pipe would stall the server.
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (partialLine + chunk.toString()).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) notice(started, line);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n').filter(Boolean)) keep(started, line);
  });
  started.port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output.slice(-500)}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-10_000);
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited with ${String(code)}: ${output.slice(-500)}`)));
  });
  return started;
}

/** Keeps a log line at warn or above. */
function notice(started: Child, line: string): void {
  const lowered = /"outcome":"slowed_down","rate":([\d.]+)/.exec(line);
  if (lowered) started.slowedDown.push(Number(lowered[1]));
  const level = Number(/"level":(\d+)/.exec(line)?.[1]);
  if (level >= 40) keep(started, line);
}

function keep(started: Child, line: string): void {
  started.problems.count += 1;
  if (started.problems.first.length < 5) started.problems.first.push(line.slice(0, 400));
}

async function stopProcess({ child }: Child): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function post(url: string, activity: Activity): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`${String(activity.type)} answered ${String(response.status)}: ${text.slice(0, 200)}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

function person(n: number): Person {
  const id = String(n).padStart(12, '0');
  return { id: `29:bench-${String(n)}`, name: 'Bench Example', aadObjectId: `bbbbbbbb-0000-4000-8000-${id}` };
}

/** Installs the bot for everyone through /api/messages, as Teams would; returns the subscribed conversation ids. */
async function installSubscribers(url: string, serviceUrl: string): Promise<Set<string>> {
  const people = [LEAD, ...Array.from({ length: PEOPLE }, (_, n) => person(n + 1))];
  const channels = Array.from({ length: CHANNELS }, (_, n) => ({
    id: `19:bench-channel-${String(n + 1)}@thread.tacv2`,
    conversationType: 'channel' as const,
  }));
  const installs = [
    ...people.map((from) => installationUpdate('add', { serviceUrl, from })),
    ...channels.map((conversation) => installationUpdate('add', { serviceUrl, conversation })),
  ];
  const queue = new PQueue({ concurrency: INSTALLS_AT_ONCE });
  await queue.addAll(installs.map((activity) => () => post(url, activity)));
  return new Set([...people.map(personalChatId), ...channels.map((channel) => channel.id)]);
}

/** The lead types the command and gets the confirm card; its button's data starts the broadcast. */
async function askForReminderNow(url: string, connector: TeamsLimitedConnector): Promise<Record<string, unknown>> {
  const asked = performance.now();
  await post(url, message('send webinar reminder now', { serviceUrl: connector.serviceUrl, from: LEAD }));
  const confirm = await connector.nextPosted(
    (posted) => posted.at >= asked && posted.conversationId === personalChatId(LEAD) && posted.card !== undefined,
    10_000,
  );
  const action = (confirm.card?.actions as { verb?: string; data?: Record<string, unknown> }[] | undefined)?.[0];
  if (action?.verb !== 'confirmReminderNow' || !action.data)
    throw new Error(`no confirm button on the lead's card "${confirm.title}"`);
  return action.data;
}

/** Length of the union of the waits, within [from, to]. */
function waitedMs(waits: readonly Wait[], from: number, to: number): number {
  const clipped = waits
    .map((wait) => ({ from: Math.max(from, wait.from), to: Math.min(to, wait.to) }))
    .filter((wait) => wait.to > wait.from);
  clipped.sort((a, b) => a.from - b.from);
  let total = 0;
  let end = from;
  for (const wait of clipped) {
    if (wait.to <= end) continue;
    total += wait.to - Math.max(wait.from, end);
    end = wait.to;
  }
  return total;
}

function factsOf(card: Card | undefined): Record<string, string> {
  const body = Array.isArray(card?.body)
    ? (card.body as { type?: unknown; facts?: { title: string; value: string }[] }[])
    : [];
  const factSet = body.find((element) => element.type === 'FactSet');
  return Object.fromEntries((factSet?.facts ?? []).map((fact) => [fact.title, fact.value]));
}

interface Figures {
  delivered: number;
  duplicates: number;
  lost: number;
  /** Accepted reminders to conversations that never subscribed. */
  strays: number;
  reminderRequests: number;
  firstReminderAt: number | undefined;
}

function figuresOf(posted: readonly PostedActivity[], subscribers: ReadonlySet<string>): Figures {
  const reminders = posted.filter((activity) => REMINDER_TITLE.test(activity.title));
  const accepted = new Map<string, number>();
  for (const reminder of reminders.filter((activity) => activity.answer === 'accepted')) {
    accepted.set(reminder.conversationId, (accepted.get(reminder.conversationId) ?? 0) + 1);
  }
  const reached = [...accepted.keys()];
  return {
    delivered: reached.length,
    duplicates: [...accepted.values()].reduce((sum, count) => sum + count - 1, 0),
    lost: [...subscribers].filter((id) => !accepted.has(id)).length,
    strays: reached.filter((id) => !subscribers.has(id)).length,
    reminderRequests: reminders.length,
    firstReminderAt: reminders[0]?.at,
  };
}

function tally(posted: readonly PostedActivity[]): Record<PostedActivity['answer'], number> {
  const counts = { accepted: 0, tenant429: 0, conversation429: 0, injected429: 0, injected503: 0 };
  for (const activity of posted) counts[activity.answer] += 1;
  return counts;
}

/** Azurite in its own process; its connection string. */
async function startAzurite(): Promise<string> {
  const azurite = azuriteProcess(await freePort());
  await startProcess('Azurite', azurite.args, {}, azurite.ready);
  return azurite.connectionString;
}

/** The bot on that Azurite; `rps` is passed on when set, else the server's default holds. */
function startBot(connectionString: string, rps: number | undefined): Promise<Child> {
  return startProcess(
    'MSO bot',
    ['--import', 'tsx', 'src/index.ts'],
    {
      PORT: '0',
      // info, not warn: the port is in the "listening" line.
      LOG_LEVEL: 'info',
      TABLES_CONNECTION_STRING: connectionString,
      ALLOW_UNAUTHENTICATED: 'true',
      LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
      WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
      WEBINAR_JOIN_URL: 'https://teams.microsoft.com/l/meetup-join/example',
      // Only a minute before: no scheduled reminder falls due during the bench.
      REMINDER_OFFSETS: '1m',
      // A restarted process looks for unfinished work soon.
      REMINDER_TICK_SECONDS: '5',
      INSTANCE_ID: 'bench',
      ...(rps ? { BROADCAST_RPS: String(rps) } : {}),
    },
    /"port":(\d+)[^\n]*listening/,
  );
}

interface Scenario {
  key: string;
  title: string;
  /** BROADCAST_RPS given to the bot. */
  rps: number;
  tenantPerSecond: number;
  injected429: number;
  injected503: number;
  /** The rate the ratio is taken against, and the goal for it. */
  against: { rate: number; what: string; goal: number };
  /** Kill the bot once this many reminders were accepted, and start it again. */
  killAfter?: number;
  /** After the report, the lead cancels the date: the correction is measured. */
  cancelAfter?: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  {
    key: 'a',
    title: '2% random 429 (Retry-After: 1) and 1% 503 at the 50/s limit',
    rps: 48,
    tenantPerSecond: TENANT_PER_SECOND,
    injected429: INJECTED_429,
    injected503: INJECTED_503,
    against: { rate: 48, what: 'the configured 48/s', goal: 0.95 },
  },
  {
    key: 'b',
    title: 'the connector silently enforces 30/s while BROADCAST_RPS is 48',
    rps: 48,
    tenantPerSecond: 30,
    injected429: 0,
    injected503: 0,
    against: { rate: 30, what: 'the enforced 30/s', goal: 0.9 },
  },
  {
    key: 'c',
    title: 'as (a), killed (SIGKILL) after 2,000 reminders and restarted with the same INSTANCE_ID',
    rps: 48,
    tenantPerSecond: TENANT_PER_SECOND,
    injected429: INJECTED_429,
    injected503: INJECTED_503,
    against: { rate: 48, what: 'the configured 48/s', goal: 0.95 },
    killAfter: 2_000,
  },
  {
    key: 'd',
    title: 'as (a), then the lead cancels the date: every copy updated in place, and a notice to each',
    rps: 48,
    tenantPerSecond: TENANT_PER_SECOND,
    injected429: INJECTED_429,
    injected503: INJECTED_503,
    against: { rate: 48, what: 'the configured 48/s', goal: 0.95 },
    cancelAfter: true,
  },
];

interface Run {
  /** The webinar the reminder was for (scenario d cancels it). */
  occurrenceId: string;
  subscribers: ReadonlySet<string>;
  /** Activity POSTs from the moment the limits were on. */
  during: readonly PostedActivity[];
  report: PostedActivity;
  reportAccepted: boolean;
  /** performance.now() when the confirm was sent and when the report arrived. */
  started: number;
  stopped: number;
  /** The process that sent the report (the restarted one after a kill). */
  server: Child;
  peakRss: { atStart: number; afterInstalls: number; atEnd: number };
}

/** Installs everyone, then the lead sends the reminder; the clock runs from the confirm to the report. */
async function runBroadcast(
  scenario: Scenario,
  connectionString: string,
  connector: TeamsLimitedConnector,
  seed: number,
): Promise<Run> {
  let server = await startBot(connectionString, scenario.rps);
  const url = `http://127.0.0.1:${String(server.port)}/api/messages`;
  const atStart = peakRssMiB(server.child.pid);
  const installStarted = performance.now();
  const subscribers = await installSubscribers(url, connector.serviceUrl);
  console.log(
    `installed ${String(subscribers.size)} subscribers in ${((performance.now() - installStarted) / 1000).toFixed(1)} s`,
  );
  const afterInstalls = peakRssMiB(server.child.pid);

  const data = await askForReminderNow(url, connector);
  const enforcedFrom = connector.posted.length;
  connector.enforce({ ...scenario, seed });
  const started = performance.now();
  await post(url, cardAction('confirmReminderNow', data, { serviceUrl: connector.serviceUrl, from: LEAD }));
  if (scenario.killAfter !== undefined) {
    const enough = scenario.killAfter;
    let accepted = 0;
    await connector.nextPosted(
      (posted) => REMINDER_TITLE.test(posted.title) && posted.answer === 'accepted' && (accepted += 1) >= enough,
      REPORT_TIMEOUT_MS,
    );
    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    console.log(`killed the bot after ${String(enough)} reminders; starting it again`);
    server = await startBot(connectionString, scenario.rps);
  }
  const report = await connector.nextPosted((posted) => posted.title === REPORT_TITLE, REPORT_TIMEOUT_MS);
  const accepted = await connector
    .nextPosted((posted) => posted.title === REPORT_TITLE && posted.answer === 'accepted', REPORT_RETRY_GRACE_MS)
    .catch(() => undefined);
  return {
    occurrenceId: String(data.occurrenceId),
    subscribers,
    during: connector.posted.slice(enforcedFrom),
    report,
    reportAccepted: accepted !== undefined,
    started,
    stopped: report.at,
    server,
    peakRss: { atStart, afterInstalls, atEnd: peakRssMiB(server.child.pid) },
  };
}

const CORRECTION_REPORT_TITLE = 'Sent reminders updated';
const CANCELLED_TITLE = /^Cancelled: the MSO webinar of /;
const NOTICE_TITLE = /^The MSO webinar of .* is cancelled$/;

/** The lead cancels the reminded date; the clock runs to the lead's "Sent reminders updated" report. */
async function runCorrection(run: Run, connector: TeamsLimitedConnector): Promise<void> {
  const { occurrenceId } = run;
  const url = `http://127.0.0.1:${String(run.server.port)}/api/messages`;
  const from = connector.posted.length;
  const started = performance.now();
  await post(
    url,
    cardAction(
      'changeWebinarOccurrence',
      { occurrenceId, cancelled: 'true', occurrenceTopic: '', occurrenceJoinUrl: '' },
      { serviceUrl: connector.serviceUrl, from: LEAD },
    ),
  );
  const report = await connector.nextPosted(
    (posted) => posted.at >= started && posted.title === CORRECTION_REPORT_TITLE,
    REPORT_TIMEOUT_MS,
  );
  // The notices are a second correction, taken after the updates: the clock stops at the last one.
  const reached = figuresOf(run.during, run.subscribers).delivered;
  let noticed = 0;
  const lastNotice = await connector
    .nextPosted(
      (posted) =>
        posted.at >= started &&
        posted.method === 'POST' &&
        posted.answer === 'accepted' &&
        NOTICE_TITLE.test(posted.title) &&
        (noticed += 1) >= reached,
      REPORT_TIMEOUT_MS,
    )
    .catch(() => undefined);
  const during = connector.posted.slice(from);
  const accepted = during.filter((posted) => posted.answer === 'accepted');
  const updated = new Map<string, number>();
  for (const posted of accepted.filter((each) => each.method === 'PUT' && CANCELLED_TITLE.test(each.title)))
    updated.set(posted.conversationId, (updated.get(posted.conversationId) ?? 0) + 1);
  const notices = new Map<string, number>();
  for (const posted of accepted.filter((each) => each.method === 'POST' && NOTICE_TITLE.test(each.title)))
    notices.set(posted.conversationId, (notices.get(posted.conversationId) ?? 0) + 1);
  const elapsed = ((lastNotice ?? report).at - started) / 1000;
  const requests = accepted.length;
  const refused = tally(during);
  const extra = (counts: Map<string, number>) => [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
  const line = (label: string, value: string) => console.log(`${label.padEnd(35)}${value}`);
  console.log('\nthe lead cancels the date:');
  line(
    'elapsed',
    `${elapsed.toFixed(1)} s (cancel saved to the last notice; the lead's "${CORRECTION_REPORT_TITLE}" report after ${((report.at - started) / 1000).toFixed(1)} s)`,
  );
  line('copies updated', `${String(updated.size)} of ${String(reached)} delivered reminders (goal all)`);
  line('notices sent', `${String(notices.size)} (one to each copy's chat; ${String(extra(notices))} sent twice)`);
  line(
    'requests accepted',
    `${String(requests)} (${(requests / elapsed).toFixed(1)}/s: ratio ${(requests / elapsed / 48).toFixed(3)} of the configured 48/s)`,
  );
  line(
    '429s received',
    `${String(refused.tenant429 + refused.conversation429 + refused.injected429)} (tenant limit ${String(refused.tenant429)}, injected ${String(refused.injected429)}); 503 injected ${String(refused.injected503)}`,
  );
  line(
    'report',
    Object.entries(factsOf(report.card))
      .map(([title, value]) => `${title} ${value}`)
      .join(', '),
  );
}

function printRun(scenario: Scenario, run: Run, connector: TeamsLimitedConnector): void {
  const { during, started, stopped, server } = run;
  const figures = figuresOf(during, run.subscribers);
  const refused = tally(during);
  const reportAttempts = during.filter((posted) => posted.title === REPORT_TITLE).length;
  const elapsed = (stopped - started) / 1000;
  const reminders = during.filter((posted) => REMINDER_TITLE.test(posted.title));
  const lastAccepted = reminders.filter((posted) => posted.answer === 'accepted').at(-1)?.at ?? stopped;
  const sending = (lastAccepted - (figures.firstReminderAt ?? started)) / 1000;
  const perSecond = figures.delivered / sending;
  const waited = waitedMs(connector.waits, started, stopped) / 1000;
  const facts = Object.entries(factsOf(run.report.card)).filter(([title]) =>
    ['Subscribers', 'Delivered', 'Unreachable', 'Failed'].includes(title),
  );
  const { atStart, afterInstalls, atEnd } = run.peakRss;
  const ratio = perSecond / scenario.against.rate;

  const line = (label: string, value: string) => console.log(`${label.padEnd(35)}${value}`);
  line('elapsed', `${elapsed.toFixed(1)} s (confirm sent to report arrived)`);
  line(
    'sending',
    `${sending.toFixed(1)} s (first reminder request to the last accepted; before it, ${(((figures.firstReminderAt ?? started) - started) / 1000).toFixed(1)} s of planning the outbox)`,
  );
  line(
    'delivered',
    `${String(figures.delivered)} (${perSecond.toFixed(1)}/s while sending; ${(figures.delivered / elapsed).toFixed(1)}/s end to end)`,
  );
  line(
    'ratio',
    `${ratio.toFixed(3)} of ${scenario.against.what} (goal ${scenario.against.goal.toFixed(2)} or better: ${ratio >= scenario.against.goal ? 'met' : 'NOT met'})`,
  );
  line(
    '429s received',
    `${String(refused.tenant429 + refused.conversation429 + refused.injected429)} (tenant limit ${String(refused.tenant429)}, conversation limit ${String(refused.conversation429)}, injected ${String(refused.injected429)}); 503 injected ${String(refused.injected503)}`,
  );
  line('lost', `${String(figures.lost)} (goal 0)`);
  line('duplicates', `${String(figures.duplicates)} (goal ${scenario.killAfter === undefined ? '0' : '5 or fewer'})`);
  if (figures.strays > 0) line('reminders to non-subscribers', String(figures.strays));
  line(
    'rate lowered (tenant limit heard)',
    `${String(server.slowedDown.length)} times${server.slowedDown.length > 0 ? `: to ${server.slowedDown.join(', ')} a second` : ''}`,
  );
  line('time under a Retry-After', `${waited.toFixed(1)} s (some 429 said wait)`);
  line(
    'report',
    `${facts.map(([title, value]) => `${title} ${value}`).join(', ')} (${run.reportAccepted ? 'accepted' : 'never accepted'}; ${String(reportAttempts)} attempt${reportAttempts === 1 ? '' : 's'})`,
  );
  line(
    'peak RSS (server)',
    `${atEnd.toFixed(0)} MiB (at start ${atStart.toFixed(0)} MiB, after the installs ${afterInstalls.toFixed(0)} MiB)`,
  );
  line('server warnings and errors', String(server.problems.count));
  for (const problem of server.problems.first) console.log(`  ${problem}`);
  if (connector.unexpected.length > 0) line('unexpected connector calls', connector.unexpected.slice(0, 5).join('; '));
}

async function main(): Promise<void> {
  const seed = Number(process.env.BENCH_SEED ?? 1);
  if (!Number.isInteger(seed)) throw new Error('BENCH_SEED must be a whole number');
  const chosen = (process.env.BENCH_SCENARIOS ?? 'a,b,c,d').split(',').map((key) => key.trim());
  const scenarios = SCENARIOS.filter((scenario) => chosen.includes(scenario.key));
  if (scenarios.length === 0) throw new Error('BENCH_SCENARIOS names none of a, b, c, d');
  console.log(
    `bench:broadcast — one webinar reminder to ${String(PEOPLE + CHANNELS + 1)} subscribers (${String(PEOPLE)} people's chats, ${String(CHANNELS)} channels, the lead's chat) (node ${process.version}, seed ${String(seed)})`,
  );
  console.log(
    `connector: a sliding second of ${String(TENANT_PER_SECOND)} requests per tenant unless a scenario says otherwise, ${String(CONVERSATION_PER_SECOND)} per conversation`,
  );
  for (const scenario of scenarios) {
    console.log(`\n(${scenario.key}) ${scenario.title}; BROADCAST_RPS ${String(scenario.rps)}`);
    const connector = await new TeamsLimitedConnector().start();
    try {
      const run = await runBroadcast(scenario, await startAzurite(), connector, seed);
      printRun(scenario, run, connector);
      if (scenario.cancelAfter) await runCorrection(run, connector);
    } finally {
      await Promise.all(children.splice(0).map(stopProcess));
      await connector.stop();
    }
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench:broadcast failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await Promise.all(children.map(stopProcess));
}
