/**
 * `npm run bench:directory`: what running the network from Teams costs. Two instances of the real
 * app on one Azurite (in this process), the connector played by a local server. Measures a lead's
 * save of a region on its card over HTTP, how long the other instance takes to answer with the
 * change (it checks every DIRECTORY_REFRESH_SECONDS, default 5), the per-action role check (a
 * table read), the idle check each instance makes, and a lead's menu turn. Loopback only.
 */
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { VERBS } from '../src/features/verbs.js';
import { createLogger } from '../src/platform/logger.js';
import { startEmbeddedAzurite } from '../src/platform/storage/embeddedAzurite.js';
import { openStorage } from '../src/storage.js';
import { cardAction, installationUpdate, message, type Person } from '../test/support/activities.js';
import { FakeConnector } from '../test/support/fakeConnector.js';
import { knowledge } from '../test/support/testBot.js';

const SAVES = 60;
const PROPAGATIONS = 8;
const ROLE_CHECKS = 2000;
const MENU_TURNS = 300;
const OWNER: Person = {
  id: '29:bench-owner',
  name: 'Example Lead',
  aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000a1',
};
const MSO: Person = { id: '29:bench-mso', name: 'Sam Example', aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000c1' };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summarise(label: string, samples: readonly number[], unit = 'ms'): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  console.log(
    `${label.padEnd(44)} n=${String(samples.length).padStart(5)}  mean ${mean.toFixed(2)} ${unit}  p50 ${percentile(sorted, 50).toFixed(2)}  p95 ${percentile(sorted, 95).toFixed(2)}  max ${(sorted.at(-1) ?? 0).toFixed(2)}`,
  );
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function main(): Promise<void> {
  console.log(`MSO Network bot: directory and roles (node ${process.version}, ${new Date().toISOString()})\n`);
  const azurite = await startEmbeddedAzurite();
  const endpoint = { kind: 'connectionString', connectionString: azurite.connectionString } as const;
  const env = { LOG_LEVEL: 'silent', MESSAGES_PER_MINUTE: '10000', LEAD_AAD_OBJECT_IDS: OWNER.aadObjectId };
  const parts = await knowledge();
  const start = async () => {
    const storage = await openStorage(endpoint, { tablePrefix: 'benchdir' });
    const app = createApp(loadConfig(env), { storage, ...parts }, createLogger('silent'));
    const { port } = await app.listen(0, '127.0.0.1');
    return { app, storage, url: `http://127.0.0.1:${String(port)}/api/messages` };
  };
  const [first, second] = [await start(), await start()];
  const connector = await new FakeConnector().start();
  const serviceUrl = connector.serviceUrl;
  const post = async (url: string, activity: unknown) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`answered ${String(response.status)}`);
    return text;
  };
  for (const person of [OWNER, MSO]) {
    await post(first.url, installationUpdate('add', { serviceUrl, from: person }));
    await post(second.url, installationUpdate('add', { serviceUrl, from: person }));
  }

  /** Opens the North West's edit card and saves it with a new lead email; the save's round trip is returned. */
  const saveEmail = async (email: string): Promise<number> => {
    const opened = await post(
      first.url,
      cardAction(VERBS.editDirectorySection, { section: 'Y62' }, { serviceUrl, from: OWNER }),
    );
    const sectionHash = /"sectionHash":"([^"]+)"/.exec(opened)?.[1] ?? '';
    const inputs = Object.fromEntries(
      [...opened.matchAll(/"id":"(regionalNetworks\.1\.[^"]+)"[^{}]*?"value":"((?:[^"\\]|\\.)*)"/g)].map((match) => [
        match[1] ?? '',
        JSON.parse(`"${match[2] ?? ''}"`) as string,
      ]),
    );
    const data = {
      ...inputs,
      section: 'Y62',
      sectionHash,
      'regionalNetworks.1.lead.email': email,
      'regionalNetworks.1.lead.teamsUpn': '',
    };
    return timed(async () => {
      const saved = await post(first.url, cardAction(VERBS.saveDirectorySection, data, { serviceUrl, from: OWNER }));
      if (!saved.includes('Saved as version')) throw new Error(`not saved: ${saved.slice(0, 300)}`);
    });
  };

  const saves: number[] = [];
  for (let n = 0; n < SAVES; n += 1) saves.push(await saveEmail(`nw.lead.${String(n)}@example.org`));
  summarise("a lead's save of a region (card action)", saves);

  const propagation: number[] = [];
  for (let n = 0; n < PROPAGATIONS; n += 1) {
    const email = `moved.${String(n)}@example.org`;
    await saveEmail(email);
    const saved = performance.now();
    for (;;) {
      connector.clear();
      await post(second.url, message('who leads the North West network?', { serviceUrl, from: MSO }));
      if (JSON.stringify(connector.sentCards()).includes(email)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    propagation.push((performance.now() - saved) / 1000);
    // Out of step with the other instance's timer, so the samples spread over its interval.
    await new Promise((resolve) => setTimeout(resolve, 700 * (n + 1)));
  }
  summarise('the other instance answers with the change', propagation, 's');

  const checks: number[] = [];
  for (let n = 0; n < ROLE_CHECKS; n += 1) checks.push(await timed(() => first.storage.roles.has(MSO.aadObjectId)));
  summarise('role check for a non-owner (one table read)', checks);
  const idle: number[] = [];
  for (let n = 0; n < ROLE_CHECKS; n += 1) idle.push(await timed(() => first.storage.directory.currentVersion()));
  summarise("an instance's idle check of the version", idle);

  const menu: number[] = [];
  for (let n = 0; n < MENU_TURNS; n += 1)
    menu.push(await timed(() => post(first.url, message('lead menu', { serviceUrl, from: OWNER }))));
  summarise('"lead menu" turn (owner, counts read)', menu);
  const question: number[] = [];
  for (let n = 0; n < MENU_TURNS; n += 1)
    question.push(await timed(() => post(first.url, message('who is the national lead', { serviceUrl, from: MSO }))));
  summarise('an MSO question turn, for comparison', question);

  const history = await first.storage.directory.history(1000);
  console.log(
    `\nversions stored: ${String(history.length)}; peak RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
  );
  await Promise.all([first.app.close(1000), second.app.close(1000)]);
  await connector.stop();
  await azurite.close();
}

await main();
