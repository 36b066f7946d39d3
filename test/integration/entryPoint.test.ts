import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installationUpdate, MSO, personalChatId } from '../support/activities.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { waitFor } from '../support/waitFor.js';

const entryPoint = path.resolve(import.meta.dirname, '../../src/index.ts');

interface RunningBot {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts src/index.ts as its own process, exactly as `npm run serve` starts the built one. */
function startEntryPoint(env: Record<string, string>): RunningBot {
  const child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', entryPoint], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The port the process says it listens on, once it says so. */
function listeningPort(bot: RunningBot): Promise<number> {
  return waitFor(
    () => {
      const listening = /"port":(\d+)[^}]*listening/.exec(bot.output());
      return listening ? Number(listening[1]) : undefined;
    },
    'the bot to listen',
    20_000,
  );
}

describe('the entry point (src/index.ts) with no configuration', () => {
  let dataDir: string;
  let bot: RunningBot;
  let port: number;
  let connector: FakeConnector;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'mso-bot-'));
    connector = await new FakeConnector().start();
    bot = startEntryPoint({ PORT: '0', DATA_DIR: dataDir });
    port = await listeningPort(bot);
  }, 30_000);

  afterAll(async () => {
    bot.child.kill('SIGKILL');
    await connector.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts its own Azurite under DATA_DIR and says so', async () => {
    expect(bot.output()).toContain('started embedded Azurite table storage (local mode)');
    expect(bot.output()).toContain(path.join(dataDir, 'azurite'));
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  });

  it('welcomes a new install through the connector at the serviceUrl', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(installationUpdate('add', { serviceUrl: connector.serviceUrl })),
    });

    expect(response.status).toBe(200);
    expect(connector.sentCards(personalChatId(MSO))).toHaveLength(1);
  });

  it('logs ids and outcomes but not the names of the people it served', () => {
    expect(bot.output()).toContain('"outcome":"installed"');
    expect(bot.output()).not.toContain(MSO.name);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    bot.child.kill('SIGTERM');

    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('shutting down');
  });
});

describe('the entry point with bad configuration', () => {
  it('refuses to start and names the variable', async () => {
    const bot = startEntryPoint({ PORT: 'eighty' });

    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/Invalid configuration: PORT /);
  });

  it('refuses to start with a corrupt directory file and names the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mso-directory-'));
    const file = path.join(dir, 'directory.json');
    await writeFile(file, '{ "version": "1", "regionalNetworks": [');
    const bot = startEntryPoint({ DIRECTORY_FILE: file });

    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain(`Cannot read the directory file ${file}`);
    await rm(dir, { recursive: true, force: true });
  });
});

/** Whether a TCP connection to this address and port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the entry point without credentials but with configured storage (ALLOW_UNAUTHENTICATED=true)', () => {
  let bot: RunningBot;
  let port: number;
  beforeAll(async () => {
    bot = startEntryPoint({
      PORT: '0',
      TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
      ALLOW_UNAUTHENTICATED: 'true',
    });
    port = await listeningPort(bot);
  }, 30_000);
  afterAll(() => bot.child.kill('SIGKILL'));

  it('listens on 127.0.0.1 only, so no other address reaches it', async () => {
    expect(await accepts('127.0.0.1', port)).toBe(true);
    // 127.0.0.2 is this machine too, but not the address it bound: a server on every interface would accept it.
    expect(await accepts('127.0.0.2', port)).toBe(false);
  });

  it('warns that requests are not authenticated, naming the setting', () => {
    const warning = bot
      .output()
      .split('\n')
      .find((line) => line.includes('ALLOW_UNAUTHENTICATED'));
    expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 40, setting: 'ALLOW_UNAUTHENTICATED' });
  });
});

describe('the entry point with storage it cannot open', () => {
  const withAppId = {
    MicrosoftAppId: '0f0e0d0c-0b0a-4908-8706-050403020100',
    MicrosoftAppPassword: 'not-a-real-secret',
    PORT: '0',
  };

  it('ends with one line naming the setting and what storage answered when the key is wrong', async () => {
    const wrongKey = inject('tablesConnectionString').replace(
      /AccountKey=[^;]+/,
      `AccountKey=${Buffer.from('not the key').toString('base64')}`,
    );
    const bot = startEntryPoint({ ...withAppId, TABLES_CONNECTION_STRING: wrongKey });

    expect(await bot.exited).toBe(1);
    expect(bot.output().trim().split('\n').at(-1)).toBe(
      'Cannot open table storage: 403 AuthorizationFailure; check TABLES_CONNECTION_STRING',
    );
    expect(bot.output()).not.toMatch(/\n\s+at /);
  });

  it('gives up after 10 s on an endpoint that accepts connections and never answers', async () => {
    const silent = createTcpServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    const bot = startEntryPoint({
      ...withAppId,
      TABLES_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${Buffer.from('key').toString('base64')};TableEndpoint=http://127.0.0.1:${String(port)}/devstoreaccount1;`,
    });

    expect(await bot.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(bot.output().trim().split('\n').at(-1)).toBe(
      'Cannot open table storage: no answer within 10 s; check TABLES_CONNECTION_STRING',
    );
    silent.close();
  }, 30_000);
});
