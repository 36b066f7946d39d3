import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/platform/logger.js';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../../../src/platform/storage/embeddedAzurite.js';
import { openStorage } from '../../../../src/storage.js';
import type { Broadcast, BroadcastTarget } from '../../../../src/features/broadcast/broadcast.js';
import { broadcastOf } from '../../../../src/features/reminders/reminderJob.js';
import { reminderRunner } from '../../../support/reminderRunner.js';
import { createWebinars } from '../../../../src/features/webinar/webinars.js';
import { openTestStorage } from '../../../support/testBot.js';
import { waitFor } from '../../../support/waitFor.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

const SUBSCRIBERS = 12;
let dataDir: string | undefined;
let azurite: EmbeddedAzurite | undefined;
afterAll(async () => {
  await azurite?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the reminder job with storage down', () => {
  it('fails its tick, logs it, and catches up by itself once storage is back', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'mso-reminders-'));
    azurite = await startEmbeddedAzurite({ location: dataDir });
    const { port, connectionString } = azurite;
    const storage = await openStorage({ kind: 'connectionString', connectionString });
    for (let n = 0; n < SUBSCRIBERS; n += 1) {
      const conversationId = `a:outage-${String(n)}`;
      await storage.conversations.save({
        conversationId,
        kind: 'personal',
        tenantId: undefined,
        userAadObjectId: undefined,
        reference: { conversation: { id: conversationId } },
        installedAt: new Date().toISOString(),
      });
      await storage.subscriptions.subscribe(conversationId, 'personal', new Date());
    }

    const logs: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({ write: (chunk: Buffer, _encoding, done) => (logs.push(chunk.toString()), done()) }),
    );
    const sent: string[] = [];
    const finished: Broadcast[] = [];
    // A daily webinar three hours from now: its week-before reminder is due.
    const startTime = DateTime.now().setZone('Europe/London').plus({ hours: 3 }).toFormat('HH:mm');
    const job = reminderRunner(storage, {
      webinars: createWebinars({
        configured: {
          rule: 'FREQ=DAILY',
          firstDate: undefined,
          startTime,
          durationMinutes: 60,
          topic: undefined,
          joinUrl: undefined,
        },
      }),
      send: (target: BroadcastTarget) => {
        sent.push(target.conversationId);
        return Promise.resolve({ ok: true });
      },
      offsets: [7 * 24 * 60, 60],
      instanceId: 'outage-test',
      onFinished: (broadcast) => {
        finished.push(broadcast);
        return Promise.resolve();
      },
      logger,
      tickMs: 300,
    });

    await azurite.close();
    job.start();
    await waitFor(
      () => (logs.some((line) => line.includes('broadcast tick failed')) ? true : undefined),
      'a failed tick to be logged',
      30_000,
    );
    expect(sent).toEqual([]);

    azurite = await startEmbeddedAzurite({ location: dataDir, port });
    await waitFor(() => finished[0], 'the broadcast to finish once storage is back', 60_000);
    await job.stop();

    expect(new Set(sent).size).toBe(SUBSCRIBERS);
    expect(sent).toHaveLength(SUBSCRIBERS);
    expect(finished).toHaveLength(1);
    expect(finished[0]?.counts).toEqual({ delivered: SUBSCRIBERS, unreachable: 0, failed: 0 });
    const failure = logs.find((line) => line.includes('broadcast tick failed')) ?? '';
    expect(JSON.parse(failure)).toMatchObject({ level: 50, job: 'reminders', outcome: 'failed' });
  }, 120_000);
});

describe('a reminder for a date the lead cancels after it was made', () => {
  it('sends none of what is left, and reports them as failed', async () => {
    const storage = await openTestStorage();
    for (let n = 0; n < 3; n += 1) {
      const conversationId = `a:cancelled-${String(n)}`;
      await storage.conversations.save({
        conversationId,
        kind: 'personal',
        tenantId: undefined,
        userAadObjectId: undefined,
        reference: {},
        installedAt: new Date().toISOString(),
      });
      await storage.subscriptions.subscribe(conversationId, 'personal', new Date());
    }
    const schedule = SECOND_THURSDAY_AT_ONE;
    const [next] = await createWebinars({ configured: schedule }).upcoming(1);
    if (!next) throw new Error('no webinar');
    // The lead cancels the date after the reminder was made.
    const webinars = createWebinars({
      configured: schedule,
      store: {
        load: () =>
          Promise.resolve({
            schedule: undefined,
            changes: [{ occurrenceId: next.id, topic: undefined, joinUrl: undefined, cancelled: true }],
          }),
      },
    });
    const sent: string[] = [];
    const finished: Broadcast[] = [];
    const job = reminderRunner(storage, {
      webinars,
      send: (target) => (sent.push(target.conversationId), Promise.resolve({ ok: true })),
      offsets: [60],
      instanceId: 'cancel-test',
      onFinished: (broadcast) => (finished.push(broadcast), Promise.resolve()),
      logger: createLogger('silent'),
    });

    await storage.broadcasts.create(broadcastOf('n00000000000000cc', next, undefined, 'lead', new Date()));
    await job.tick();
    await job.stop();

    expect(sent).toEqual([]);
    expect(finished[0]?.counts).toEqual({ delivered: 0, unreachable: 0, failed: 3 });
  });
});

describe("the leads' report", () => {
  it('is tried again by the next tick when it could not go out', async () => {
    const storage = await openTestStorage();
    await storage.conversations.save({
      conversationId: 'a:report-retry',
      kind: 'personal',
      tenantId: undefined,
      userAadObjectId: undefined,
      reference: {},
      installedAt: new Date().toISOString(),
    });
    await storage.subscriptions.subscribe('a:report-retry', 'personal', new Date());
    const schedule = SECOND_THURSDAY_AT_ONE;
    const webinars = createWebinars({ configured: schedule });
    const [next] = await webinars.upcoming(1);
    if (!next) throw new Error('no webinar');
    let reports = 0;
    const job = reminderRunner(storage, {
      webinars,
      send: () => Promise.resolve({ ok: true }),
      offsets: [60],
      instanceId: 'report-test',
      onFinished: () => ((reports += 1) === 1 ? Promise.reject(new Error('storage blip')) : Promise.resolve()),
      logger: createLogger('silent'),
    });
    await storage.broadcasts.create(broadcastOf('n00000000000000dd', next, undefined, 'lead', new Date()));

    await expect(job.tick()).rejects.toThrow('storage blip');
    await job.tick();
    await job.tick();
    await job.stop();

    expect(reports).toBe(2);
    expect((await storage.broadcasts.get('n00000000000000dd'))?.reported).toBe(true);
  });
});
