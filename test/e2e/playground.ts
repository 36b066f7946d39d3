import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
/** Kept with the screenshots, so a failed CI run can hand both over. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
const STARTUP_TIMEOUT_MS = 30_000;
const OUTPUT_LIMIT = 20_000;

export interface Playground {
  /** The page to open in the browser. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The Microsoft 365 Agents Playground CLI as a child process on a free port, playing Teams and
 * the Bot Connector for the bot at `botUrl`. It runs in the repo root so that it reads
 * .m365agentsplayground.yml, the same people and chats as `npm start`.
 */
export async function startPlayground(
  botUrl: string,
  options: { configPath?: string; logName?: string } = {},
): Promise<Playground> {
  const port = await freePort();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const child = spawn(
    process.execPath,
    [CLI, '-e', `${botUrl}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(port)],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(RESULTS_DIR, options.logName ?? 'playground-e2e.log'),
        ...(options.configPath ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the Agents Playground exited (${child.exitCode ?? child.signalCode}) before serving its page:\n${output}`,
      );
    }
    if (await answersOk(url)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Agents Playground did not serve ${url} within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await sleep(200);
  }

  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function answersOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
