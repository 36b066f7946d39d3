import { spawn } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './waitFor.js';

const entryPoint = path.resolve(import.meta.dirname, '../../src/index.ts');

export interface BotProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  /** When it began listening (ms since the epoch); its reminder timer first ticks 5 s later. */
  listeningSince: number;
  /** Everything the process wrote to stdout and stderr so far (its JSON log lines). */
  output(): string;
  /** Resolves when the process has ended. */
  exited: Promise<void>;
  /** POSTs an activity to /api/messages, as the Bot Framework service would. */
  post(activity: unknown): Promise<{ status: number; body: unknown }>;
  /** SIGKILL, as a crash or a host taken away; resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Starts src/index.ts as its own process (as `npm run serve` does) and waits until it listens. */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 45_000): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', entryPoint], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let gone = false;
  // Should the test run itself end abruptly, no server is left running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      gone = true;
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  const kill = async (): Promise<void> => {
    if (!gone) child.kill('SIGKILL');
    await exited;
  };

  let port: number;
  try {
    port = await waitFor(
      () => {
        if (gone) throw new Error(`the bot process ended before it listened:\n${output}`);
        const listening = /"port":(\d+)[^}]*listening/.exec(output);
        return listening ? Number(listening[1]) : undefined;
      },
      'the bot process to listen',
      timeoutMs,
    );
  } catch (error) {
    await kill();
    throw error;
  }
  const url = `http://127.0.0.1:${String(port)}`;
  return {
    url,
    listeningSince: Date.now(),
    output: () => output,
    exited,
    kill,
    async post(activity) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
  };
}
