/**
 * `npm run bench:buddy`: what the buddy scheme after the match costs as it grows. The real app on
 * one Azurite (in this process), the connector played by a local server, PAIRS pairs in the
 * `BuddyRequests` table. Measures over HTTP "who is my buddy", a mentee's "my buddy request" card,
 * the leads' "buddy pairs" and "buddy scheme summary" turns (each reads the whole table), and how
 * long the check-in job takes to send every pair's 4-week cards once the clock passes 4 weeks.
 */
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import type { BuddyRequest } from '../src/features/buddy/buddyScheme.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/platform/logger.js';
import { startEmbeddedAzurite } from '../src/platform/storage/embeddedAzurite.js';
import { openStorage } from '../src/storage.js';
import { installationUpdate, message, type Person } from '../test/support/activities.js';
import { sampleRequest } from '../test/support/buddyRequests.js';
import { FakeConnector } from '../test/support/fakeConnector.js';
import { knowledge } from '../test/support/testBot.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 300);
const TURNS = 60;
const WEEK_MS = 7 * 24 * 60 * 60_000;
const LEAD: Person = { id: '29:bench-lead', name: 'Example Lead', aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000a1' };

function person(role: string, n: number): Person {
  const id = String(n).padStart(12, '0');
  return {
    id: `29:bench-${role}-${id}`,
    name: `Example ${role} ${String(n)}`,
    aadObjectId: `bbbbbbbb-${role === 'mentor' ? '1111' : '2222'}-4000-8000-${id}`,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summarise(label: string, samples: readonly number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  console.log(
    `${label.padEnd(44)} n=${String(samples.length).padStart(4)}  mean ${mean.toFixed(1)} ms  p50 ${percentile(sorted, 50).toFixed(1)}  p95 ${percentile(sorted, 95).toFixed(1)}  max ${(sorted.at(-1) ?? 0).toFixed(1)}`,
  );
}

async function main(): Promise<void> {
  console.log(
    `MSO Network bot: the buddy scheme after the match, ${String(PAIRS)} pairs (node ${process.version}, ${new Date().toISOString()})\n`,
  );
  const azurite = await startEmbeddedAzurite();
  let now = Date.now();
  const storage = await openStorage(
    { kind: 'connectionString', connectionString: azurite.connectionString },
    { tablePrefix: 'benchbuddy' },
  );
  const env = {
    LOG_LEVEL: 'silent',
    MESSAGES_PER_MINUTE: '10000',
    LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
    REMINDER_TICK_SECONDS: '1',
  };
  const app = createApp(
    loadConfig(env),
    { storage, ...(await knowledge()), now: () => new Date(now) },
    createLogger('silent'),
  );
  const { port } = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${String(port)}/api/messages`;
  const connector = await new FakeConnector().start();
  const serviceUrl = connector.serviceUrl;
  const post = async (activity: unknown) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await response.text();
    if (response.status !== 200) throw new Error(`answered ${String(response.status)}`);
  };

  const mentees = Array.from({ length: PAIRS }, (_, n) => person('mentee', n));
  const mentors = Array.from({ length: PAIRS }, (_, n) => person('mentor', n));
  const seeded = performance.now();
  for (const someone of [LEAD, ...mentees, ...mentors])
    await post(installationUpdate('add', { serviceUrl, from: someone }));
  const startedAt = new Date(now).toISOString();
  for (let n = 0; n < PAIRS; n += 1) {
    const mentorId = `mentor.bench${String(n)}`;
    const menteeId = `newToPost.bench${String(n)}`;
    const mentor: BuddyRequest = sampleRequest(mentorId, {
      userId: mentors[n]?.aadObjectId ?? '',
      name: mentors[n]?.name ?? '',
      wayIn: 'mentor',
      monthsInRole: 96,
      capacity: 1,
      capacityLeft: 0,
      status: 'matched',
      pairedWith: [menteeId],
    });
    const mentee: BuddyRequest = sampleRequest(menteeId, {
      userId: mentees[n]?.aadObjectId ?? '',
      name: mentees[n]?.name ?? '',
      status: 'matched',
      pairedWith: [mentorId],
      pairings: [{ mentorRequestId: mentorId, startedAt, checkIns: [], ended: undefined }],
    });
    await Promise.all([storage.buddyRequests.create(mentor), storage.buddyRequests.create(mentee)]);
  }
  console.log(
    `set up ${String(PAIRS * 2)} people and requests in ${((performance.now() - seeded) / 1000).toFixed(1)} s\n`,
  );

  const turn = async (label: string, who: (n: number) => Person, text: string) => {
    const samples: number[] = [];
    for (let n = 0; n < TURNS; n += 1) {
      const start = performance.now();
      await post(message(text, { serviceUrl, from: who(n) }));
      samples.push(performance.now() - start);
    }
    summarise(label, samples);
  };
  const mentee = (n: number) => mentees[n % PAIRS] ?? LEAD;
  await turn('"who is my buddy" (a mentee)', mentee, 'who is my buddy');
  await turn('"my buddy request" (its card names the buddy)', mentee, 'my buddy request');
  await turn('"buddy pairs" (a lead)', () => LEAD, 'buddy pairs');
  await turn('"buddy scheme summary" (a lead)', () => LEAD, 'buddy scheme summary');

  connector.clear();
  await post(message('buddy pairs', { serviceUrl, from: LEAD }));
  const listed = JSON.stringify(connector.sentCards().at(-1) ?? {}).length;
  console.log(
    `"buddy pairs" card: ${(listed / 1024).toFixed(1)} KiB (the 40 oldest pairs; Teams takes cards up to about 28 KiB)`,
  );

  connector.clear();
  now += 4 * WEEK_MS + 60_000;
  const moved = performance.now();
  const cards = () =>
    connector.calls.filter((call) => JSON.stringify(call.body).includes('How is your buddy pairing going?')).length;
  while (cards() < PAIRS * 2) {
    if (performance.now() - moved > 600_000) throw new Error(`only ${String(cards())} check-in cards in 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - moved) / 1000;
  console.log(
    `\n4-week check-ins: ${String(cards())} cards to ${String(PAIRS)} pairs within ${seconds.toFixed(1)} s of the clock passing 4 weeks (${(cards() / seconds).toFixed(1)} a second, the job checks each second)`,
  );
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  console.log(`cards sent twice: ${String(cards() - PAIRS * 2)}`);
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(`RSS ${rss.toFixed(0)} MiB (bot, Azurite and connector in one process)`);
  await app.close(1000);
  await connector.stop();
  await azurite.close();
}

await main();
