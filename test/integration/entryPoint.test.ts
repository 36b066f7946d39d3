import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('the entry point (src/index.ts) with no configuration', () => {
  let dataDir: string;
  let bot: RunningBot;
  let port: number;
  let connector: FakeConnector;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'mso-bot-'));
    connector = await new FakeConnector().start();
    bot = startEntryPoint({ PORT: '0', DATA_DIR: dataDir });
    port = await waitFor(() => {
      const listening = /"port":(\d+)[^}]*listening/.exec(bot.output());
      return listening ? Number(listening[1]) : undefined;
    }, 'the bot to listen', 20_000);
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
