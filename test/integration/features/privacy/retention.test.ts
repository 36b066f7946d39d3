import { describe, expect, it } from 'vitest';
import type { BuddyRequest } from '../../../../src/features/buddy/buddyScheme.js';
import { createLogger } from '../../../../src/platform/logger.js';
import { FEATURES } from '../../../../src/app.js';
import { createRetentionJob } from '../../../../src/features/privacy/retention.js';
import { broadcastOf } from '../../../../src/features/reminders/reminderJob.js';
import { sampleRequest } from '../../../support/buddyRequests.js';
import { openTestStorage } from '../../../support/testBot.js';

const NOW = new Date('2027-12-01T09:00:00Z');
const THIRTEEN_MONTHS_AGO = '2026-11-01T09:00:00.000Z';
const ELEVEN_MONTHS_AGO = '2027-01-01T09:00:00.000Z';

function request(id: string, status: BuddyRequest['status'], updatedAt: string): BuddyRequest {
  return sampleRequest(id, { status, createdAt: updatedAt, updatedAt });
}

async function finishedBroadcast(storage: Awaited<ReturnType<typeof openTestStorage>>, id: string, finishedAt: string) {
  const occurrence = {
    id: '2026-12-10T13:00',
    start: new Date(finishedAt),
    end: new Date(finishedAt),
    topic: undefined,
    joinUrl: undefined,
    cancelled: false,
  };
  await storage.broadcasts.create(broadcastOf(id, occurrence, 60, undefined, new Date(finishedAt)));
  await storage.broadcasts.addDeliveries(
    id,
    Array.from({ length: 130 }, (_, n) => ({
      conversationId: `a:${id}-${String(n)}`,
      kind: 'personal' as const,
      reference: {},
    })),
    new Date(finishedAt),
  );
  await storage.broadcasts.finish(id, { delivered: 130, unreachable: 0, failed: 0 }, new Date(finishedAt));
}

describe('the retention job (Azurite)', () => {
  it('removes declined and withdrawn requests and reminder delivery rows older than the configured months, and keeps the rest', async () => {
    const storage = await openTestStorage();
    await storage.buddyRequests.create(request('newToPost.olddeclined', 'declined', THIRTEEN_MONTHS_AGO));
    await storage.buddyRequests.create(request('develop.oldwithdrawn', 'withdrawn', THIRTEEN_MONTHS_AGO));
    await storage.buddyRequests.create(request('newToPost.recentdeclined', 'declined', ELEVEN_MONTHS_AGO));
    await storage.buddyRequests.create(request('newToPost.oldmatched', 'matched', THIRTEEN_MONTHS_AGO));
    await finishedBroadcast(storage, 'rold', THIRTEEN_MONTHS_AGO);
    await finishedBroadcast(storage, 'rrecent', ELEVEN_MONTHS_AGO);
    const job = createRetentionJob({
      storage,
      features: FEATURES,
      months: 12,
      instanceId: 'retention-test',
      logger: createLogger('silent'),
      now: () => NOW,
    });

    expect(await job.runOnce()).toEqual({ buddyRequests: 2, deliveryRows: 130, supportRequests: 0 });

    expect((await storage.buddyRequests.list()).map((stored) => stored.request.id).sort()).toEqual([
      'newToPost.oldmatched',
      'newToPost.recentdeclined',
    ]);
    expect(await storage.broadcasts.tally('rold')).toMatchObject({ delivered: 0 });
    expect(await storage.broadcasts.tally('rrecent')).toMatchObject({ delivered: 0, pending: 130 });
    // The report's counts outlive the rows.
    expect((await storage.broadcasts.get('rold'))?.counts.delivered).toBe(130);
  });

  it('runs on one instance at a time', async () => {
    const storage = await openTestStorage();
    const job = (instanceId: string) =>
      createRetentionJob({
        storage,
        features: FEATURES,
        months: 12,
        instanceId,
        logger: createLogger('silent'),
        now: () => NOW,
      });

    const [first, second] = await Promise.all([job('a').runOnce(), job('b').runOnce()]);

    expect([first, second].filter((result) => result !== undefined)).toHaveLength(1);
  });
});
