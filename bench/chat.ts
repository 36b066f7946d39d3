/**
 * `npm run bench:chat`: 50 simulated MSOs at once, against the real bot (src/index.ts, its own
 * process, tables in Azurite in a third process) and against a bare botbuilder echo bot
 * (bench/echoBot.ts, its own process), both replying to a local connector. Each MSO first says
 * where they work (reported on its own: a new user's first message writes to storage), then asks
 * a fixed run of directory questions. Prints server time (the Server-Timing header) p50/p95/p99,
 * throughput and peak RSS of each server, and the ratios. Loopback only; a fixed number of turns.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { azuriteProcess, freePort, peakRssMiB } from './processes.js';
import { message, type Person } from '../test/support/activities.js';
import { FakeConnector } from '../test/support/fakeConnector.js';

const USERS = 50;
const QUESTIONS_PER_USER = 40;
const WARM_UP_TURNS = 200;
const root = path.resolve(import.meta.dirname, '..');

const WORKPLACES = [
  'I work at Leeds Teaching Hospitals',
  "I'm the MSO at MFT",
  'RJ1',
  'I work for UHB',
  'Oxford University Hospitals',
  'Greater Manchester ICB',
  'Addenbrookes',
  'Royal Devon',
];
const QUESTIONS = [
  'who is my regional lead?',
  'who is the national lead',
  'what is my regional network',
  'what is the buddy scheme?',
  'is there formal training for MSOs',
  'who leads the North West network',
  'who is on the steering group',
  'where do I report a medication error',
  'RPS resources please',
  'why was the MSO network set up',
];

interface Server {
  child: ChildProcessWithoutNullStreams;
  url: string;
}

async function startServer(name: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Server> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output.slice(-500)}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
      if (output.length > 100_000) output = output.slice(-10_000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  return { child, url: `http://127.0.0.1:${port}/api/messages` };
}

async function post(url: string, activity: unknown): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`turn answered ${response.status}`);
  return Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);
}

function person(n: number): Person {
  const id = String(n).padStart(12, '0');
  return { id: `29:bench-${id}`, name: 'Bench Example', aadObjectId: `dddddddd-0000-4000-8000-${id}` };
}

interface Result {
  /** Server time of each MSO's first message ("I work at ..."), all 50 at once. */
  firstContact: number[];
  /** Server time of the questions that follow. */
  times: number[];
  seconds: number;
  turns: number;
  peakRss: number;
}

async function run(server: Server, connector: FakeConnector, offset: number): Promise<Result> {
  const serviceUrl = connector.serviceUrl;
  for (let i = 0; i < WARM_UP_TURNS; i += 1)
    await post(
      server.url,
      message(QUESTIONS[i % QUESTIONS.length] ?? 'help', { serviceUrl, from: person(offset + 10_000 + i) }),
    );
  connector.clear();

  // Everyone says where they work at once (a new user's first message: storage writes)...
  const firstContact = await Promise.all(
    Array.from({ length: USERS }, (_, u) =>
      post(server.url, message(WORKPLACES[u % WORKPLACES.length] ?? 'RR8', { serviceUrl, from: person(offset + u) })),
    ),
  );
  // ...then asks question after question, all 50 at once.
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      const who = person(offset + u);
      for (let q = 0; q < QUESTIONS_PER_USER; q += 1) {
        times.push(
          await post(server.url, message(QUESTIONS[(u + q) % QUESTIONS.length] ?? 'help', { serviceUrl, from: who })),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const replies = connector.sentActivities().length;
  const expected = USERS * (QUESTIONS_PER_USER + 1);
  if (replies !== expected) throw new Error(`expected ${expected} replies, the connector saw ${replies}`);
  return { firstContact, times, seconds, turns: times.length, peakRss: peakRssMiB(server.child.pid) };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function row(label: string, result: Result): string {
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(result.times, p).toFixed(2));
  const [first50, first99] = [50, 99].map((p) => percentile(result.firstContact, p).toFixed(0));
  return (
    `${label.padEnd(22)} questions ${result.turns}  server time p50 ${p50} ms  p95 ${p95} ms  p99 ${p99} ms  ` +
    `throughput ${(result.turns / result.seconds).toFixed(0)} turns/s  peak RSS ${result.peakRss.toFixed(0)} MiB  ` +
    `(first messages, 50 at once: p50 ${first50} ms, p99 ${first99} ms)`
  );
}

// Azurite in its own process, as storage would be in production: not competing with the load here.
const azurite = azuriteProcess(await freePort());
const azuriteServer = await startServer('Azurite', azurite.args, {}, azurite.ready);
const tables = azurite.connectionString;
const connector = await new FakeConnector().start();
console.log(
  `bench:chat — ${USERS} simulated MSOs at once: each says where they work, then asks ${QUESTIONS_PER_USER} questions (node ${process.version})\n`,
);

const mso = await startServer(
  'MSO bot',
  ['--import', 'tsx', 'src/index.ts'],
  {
    PORT: '0',
    LOG_LEVEL: 'info',
    TABLES_CONNECTION_STRING: tables,
    ALLOW_UNAUTHENTICATED: 'true',
    MESSAGES_PER_MINUTE: '10000',
  },
  /"port":(\d+)[^\n]*listening/,
);
const msoResult = await run(mso, connector, 0);
mso.child.kill('SIGTERM');
console.log(row('MSO Network bot', msoResult));

connector.clear();
const echo = await startServer('echo bot', ['--import', 'tsx', 'bench/echoBot.ts'], {}, /listening (\d+)/);
const echoResult = await run(echo, connector, 100_000);
echo.child.kill('SIGTERM');
console.log(row('botbuilder echo bot', echoResult));

const ratio = (p: number) => percentile(msoResult.times, p) / percentile(echoResult.times, p);
console.log(
  `\nratio MSO/echo: p50 ${ratio(50).toFixed(2)}  p95 ${ratio(95).toFixed(2)}  p99 ${ratio(99).toFixed(2)} (goal: p99 at most 1.5)  ` +
    `throughput ${(msoResult.turns / msoResult.seconds / (echoResult.turns / echoResult.seconds)).toFixed(2)}  peak RSS ${(msoResult.peakRss / echoResult.peakRss).toFixed(2)}`,
);

await connector.stop();
azuriteServer.child.kill('SIGTERM');
