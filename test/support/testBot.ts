import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadKnowledge, type Knowledge } from '../../src/knowledge.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { openStorage, type Storage } from '../../src/storage.js';
import { FakeConnector } from './fakeConnector.js';

export interface TestApp {
  url: string;
  storage: Storage;
  /** Every table of this app's storage starts with it. */
  tablePrefix: string;
  close(): Promise<void>;
}

export interface TestBot {
  url: string;
  connector: FakeConnector;
  storage: Storage;
  tablePrefix: string;
  /** POSTs a JSON body to /api/messages and returns the status and parsed body. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

let loaded: Promise<Knowledge> | undefined;

/** The sample directory and the trained classifier, made once per test file. */
export function knowledge(): Promise<Knowledge> {
  loaded ??= loadKnowledge();
  return loaded;
}

/** A fresh table prefix keeps each suite's data apart in the run's one Azurite. */
export function uniqueTablePrefix(): string {
  return `t${randomBytes(5)
    .toString('hex')
    .replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)] ?? 'x')}`;
}

export async function openTestStorage(tablePrefix = uniqueTablePrefix()): Promise<Storage> {
  return openStorage({ kind: 'connectionString', connectionString: inject('tablesConnectionString') }, { tablePrefix });
}

/**
 * The real server, adapter and bot on a free port, with real storage (Azurite) and the
 * connector played by a local server. `env` is read exactly as production reads it.
 */
export async function startTestBot(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestBot> {
  const app = await startTestApp(env, options);
  const connector = await new FakeConnector().start();
  const { url, storage, tablePrefix } = app;
  return {
    url,
    connector,
    storage,
    tablePrefix,
    async post(body, headers = {}) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close() {
      await app.close();
      await connector.stop();
    },
  };
}

export interface TestAppOptions {
  /** Collects every log line the app writes (JSON text), at the env's LOG_LEVEL. */
  logs?: string[];
  /** Another app's tables: a second instance on the same storage. */
  tablePrefix?: string;
  /** The app's clock, for scheduled work (the webinar schedule, the support digest); the system clock if absent. */
  now?: () => Date;
}

/** The real app (config read from `env` as in production) on a free port, with test storage. */
export async function startTestApp(
  env: Record<string, string> = {},
  { logs, tablePrefix = uniqueTablePrefix(), now }: TestAppOptions = {},
): Promise<TestApp> {
  // Tests talk faster than people: the per-conversation message limit has its own test.
  const config = loadConfig({ LOG_LEVEL: 'silent', MESSAGES_PER_MINUTE: '10000', ...env });
  const storage = await openTestStorage(tablePrefix);
  const destination =
    logs && new Writable({ write: (chunk: Buffer, _encoding, done) => (logs.push(chunk.toString().trim()), done()) });
  const app = createApp(
    config,
    { storage, ...(await knowledge()), ...(now ? { now } : {}) },
    createLogger(config.logLevel, destination),
  );
  const { port } = await app.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, storage, tablePrefix, close: () => app.close(1000) };
}
