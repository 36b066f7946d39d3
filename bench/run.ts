/**
 * Benchmarks of the foundation, run with `npm run bench`: start-up, the latency and throughput
 * of whole turns over HTTP (real server, adapter, bot and Azurite; the connector played by a
 * local server), card rendering, and memory. Loopback only, bounded counts.
 */
import { performance } from 'node:perf_hooks';
import { helpCard } from '../src/features/questions/botCards.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/platform/logger.js';
import { startEmbeddedAzurite } from '../src/platform/storage/embeddedAzurite.js';
import { openStorage } from '../src/storage.js';
import { installationUpdate, message, type Person } from '../test/support/activities.js';
import { FakeConnector } from '../test/support/fakeConnector.js';
import { knowledge } from '../test/support/testBot.js';

const SEQUENTIAL_TURNS = 1000;
const CONCURRENT_TURNS = 2000;
const CONCURRENCY = 20;
const INSTALLS = 500;
const RENDERS = 20_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summarise(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  console.log(
    `${label.padEnd(38)} n=${String(samples.length).padStart(5)}  mean ${mean.toFixed(2)} ms  p50 ${percentile(sorted, 50).toFixed(2)}  p95 ${percentile(sorted, 95).toFixed(2)}  p99 ${percentile(sorted, 99).toFixed(2)}  max ${(sorted.at(-1) ?? 0).toFixed(2)}`,
  );
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  console.log(`MSO Network bot benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);

  let t = performance.now();
  const azurite = await startEmbeddedAzurite();
  const azuriteMs = performance.now() - t;
  t = performance.now();
  const storage = await openStorage(
    { kind: 'connectionString', connectionString: azurite.connectionString },
    { tablePrefix: 'bench' },
  );
  const app = createApp(
    loadConfig({ LOG_LEVEL: 'silent', MESSAGES_PER_MINUTE: '10000' }),
    { storage, ...(await knowledge()) },
    createLogger('silent'),
  );
  const { port } = await app.listen(0, '127.0.0.1');
  const appMs = performance.now() - t;
  console.log(
    `start-up: embedded Azurite ${azuriteMs.toFixed(0)} ms; directory, intent model (trained here), tables, bot and server ${appMs.toFixed(0)} ms`,
  );

  const connector = await new FakeConnector().start();
  const url = `http://127.0.0.1:${port}/api/messages`;
  const post = async (activity: unknown): Promise<number> => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`turn answered ${response.status}`);
    return performance.now() - started;
  };
  const where = { serviceUrl: connector.serviceUrl };

  for (let i = 0; i < 50; i += 1) await post(message('help', where)); // warm-up
  connector.clear();
  const memoryBefore = process.memoryUsage();

  const help: number[] = [];
  for (let i = 0; i < SEQUENTIAL_TURNS; i += 1) help.push(await post(message('help', where)));
  summarise('"help" turn, sequential', help);

  const unknown: number[] = [];
  for (let i = 0; i < SEQUENTIAL_TURNS / 2; i += 1) unknown.push(await post(message('what is this?', where)));
  summarise('not-understood turn, sequential', unknown);

  const installs: number[] = [];
  for (let i = 0; i < INSTALLS; i += 1) {
    const person: Person = {
      id: `29:bench-${i}`,
      name: 'Bench Example',
      aadObjectId: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`,
    };
    installs.push(await post(installationUpdate('add', { ...where, from: person })));
  }
  summarise('personal install (store + welcome)', installs);

  let next = 0;
  const concurrent: number[] = [];
  t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CONCURRENT_TURNS) {
        next += 1;
        concurrent.push(await post(message('help', where)));
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  summarise(`"help" turn, ${CONCURRENCY} at a time`, concurrent);
  console.log(`throughput at ${CONCURRENCY} concurrent: ${(CONCURRENT_TURNS / seconds).toFixed(0)} turns/s`);

  const expectedReplies = SEQUENTIAL_TURNS + SEQUENTIAL_TURNS / 2 + INSTALLS + CONCURRENT_TURNS;
  const replies = connector.sentActivities().length;
  if (replies !== expectedReplies)
    throw new Error(`expected ${expectedReplies} replies at the connector, saw ${replies}`);

  t = performance.now();
  for (let i = 0; i < RENDERS; i += 1) helpCard(i % 2 === 0 ? 'notUnderstood' : 'asked');
  console.log(
    `help card render: ${(((performance.now() - t) * 1000) / RENDERS).toFixed(1)} µs per card (${RENDERS} renders)`,
  );

  const memoryAfter = process.memoryUsage();
  console.log(
    `memory (bot, Azurite and load generator in one process): rss ${mib(memoryBefore.rss)} -> ${mib(memoryAfter.rss)}, heap used ${mib(memoryBefore.heapUsed)} -> ${mib(memoryAfter.heapUsed)}`,
  );

  await app.close(1000);
  await connector.stop();
  await azurite.close();
}

await main();
