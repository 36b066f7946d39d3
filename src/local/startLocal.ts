import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger } from '../platform/logger.js';

// `npm start`: the built bot with two Microsoft 365 Agents Playgrounds in front of it, one as an
// MSO and one as the lead, for trying the bot on this machine. One command starts all three; one
// Ctrl-C stops them. Both Playgrounds must run: with one alone, what the bot sends to the other
// person's chat gets 404 and that chat is marked unreachable.

/** The MSO's Playground (.m365agentsplayground.yml) and the lead's (.m365agentsplayground.lead.yml). */
const PLAYGROUND_PORT = 56150;
const LEAD_PLAYGROUND_PORT = 56151;
const STARTUP_TIMEOUT_MS = 60_000;
/** The bot waits up to 10 s for turns in flight; a child still running after this is killed. */
const STOP_TIMEOUT_MS = 15_000;

const BOT_ENTRY = fileURLToPath(new URL('../index.js', import.meta.url));
const REPO_ROOT_URL = new URL('../../', import.meta.url);
const REPO_ROOT = fileURLToPath(REPO_ROOT_URL);
const PLAYGROUND_CLI = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
}

const config = readConfig();
const logger = createLogger(config.logLevel).child({ component: 'startLocal' });
const botUrl = `http://127.0.0.1:${config.port}`;
const children: Child[] = [];
let stopping = false;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    logger.info({ signal }, 'stopping the bot and the Playground');
    void stopAll(0);
  });
}

await main();

async function main(): Promise<void> {
  await assertPortFree(config.port, 'the bot (set PORT to use another)');
  await assertPortFree(PLAYGROUND_PORT, 'the Agents Playground');
  await assertPortFree(LEAD_PLAYGROUND_PORT, "the lead's Agents Playground");

  children.push(start('bot', process.execPath, ['--disable-warning=DEP0111', BOT_ENTRY], {}));
  if (!(await waitForOk(`${botUrl}/api/health`, 'the bot'))) return;

  children.push(startPlayground('playground', PLAYGROUND_PORT, undefined));
  if (!(await waitForOk(`http://127.0.0.1:${PLAYGROUND_PORT}/`, 'the Agents Playground'))) return;
  children.push(startPlayground('lead playground', LEAD_PLAYGROUND_PORT, '.m365agentsplayground.lead.yml'));
  if (!(await waitForOk(`http://127.0.0.1:${LEAD_PLAYGROUND_PORT}/`, "the lead's Agents Playground"))) return;

  process.stdout.write(
    `\n  Open http://localhost:${PLAYGROUND_PORT} to chat with the bot as Sam Example, an MSO,\n` +
      `  and http://localhost:${LEAD_PLAYGROUND_PORT} as Example Lead (Ctrl-C stops all three)\n\n`,
  );
}

/** A Playground on `port`, from the config file named (the MSO's, .m365agentsplayground.yml, when undefined). */
function startPlayground(name: string, port: number, configFile: string | undefined): Child {
  const args = ['-e', `${botUrl}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(port)];
  return start(name, process.execPath, [PLAYGROUND_CLI, ...args], {
    // It reads .m365agentsplayground.yml from its working folder, or the file the variable names.
    cwd: REPO_ROOT,
    env: {
      // Handing our own environment on to a child is not configuration; config.ts need not know of it.
      // eslint-disable-next-line no-restricted-properties
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      ...(configFile ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: fileURLToPath(new URL(configFile, REPO_ROOT_URL)) } : {}),
    },
  });
}

function readConfig(): Config {
  try {
    const loaded = loadConfig();
    if (loaded.port === 0)
      fail('PORT=0 picks a random port that the Playground cannot find: set a fixed PORT or leave it unset.');
    return loaded;
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function start(name: string, command: string, args: string[], options: SpawnOptions): Child {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve();
      if (stopping) return;
      // Ctrl-C and `kill` of the process group reach the children too, sometimes before us.
      const askedToStop = code === 0 || signal === 'SIGINT' || signal === 'SIGTERM';
      if (askedToStop) logger.info({ child: name, code, signal }, 'child stopped; stopping the rest');
      else logger.error({ child: name, code, signal }, 'child exited unexpectedly; stopping the rest');
      void stopAll(askedToStop ? 0 : 1);
    });
  });
  return { name, process: child, exited };
}

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map(stopChild));
  process.exit(exitCode);
}

async function stopChild({ process: child, exited }: Child): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(killTimer);
}

/** Polls until the URL answers 200. False when stopping instead (a child died, or time ran out). */
async function waitForOk(url: string, what: string): Promise<boolean> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.stderr.write(`${what} did not answer 200 at ${url} within ${STARTUP_TIMEOUT_MS / 1000} s; stopping.\n`);
      void stopAll(1);
      break;
    }
    await sleep(250);
  }
  return false;
}

/** A clear message now beats a child failing later with EADDRINUSE (often a previous run still going). */
async function assertPortFree(port: number, what: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = createNetServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
  if (!free) fail(`Port ${port}, needed by ${what}, is in use: is another \`npm start\` still running?`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
