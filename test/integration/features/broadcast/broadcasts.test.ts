import { describe, expect, it } from 'vitest';
import type { Storage } from '../../../../src/storage.js';
import type { BroadcastTarget } from '../../../../src/features/broadcast/broadcast.js';
import { broadcastOf } from '../../../../src/features/reminders/reminderJob.js';
import { openTestStorage } from '../../../support/testBot.js';

const now = new Date('2026-12-03T13:00:00Z');
const occurrence = {
  id: '2026-12-10T13:00',
  start: new Date('2026-12-10T13:00:00Z'),
  end: new Date('2026-12-10T14:00:00Z'),
  topic: 'Insulin safety',
  joinUrl: undefined,
  cancelled: false,
};
const targets = (count: number, tag: string): BroadcastTarget[] =>
  Array.from({ length: count }, (_, n) => ({
    conversationId: `a:${tag}-${String(n)}`,
    kind: 'personal',
    reference: { conversation: { id: `a:${tag}-${String(n)}` } },
  }));

async function plannedBroadcast(storage: Storage, id: string, count: number) {
  await storage.broadcasts.create(broadcastOf(id, occurrence, 60, undefined, now));
  await storage.broadcasts.addDeliveries(id, targets(count, id), now);
  await storage.broadcasts.startSending(id, count);
}

describe('Broadcasts and their outbox (Azurite)', () => {
  it('creates a broadcast once: a second create of the same id says so', async () => {
    const storage = await openTestStorage();
    expect(await storage.broadcasts.create(broadcastOf('r1', occurrence, 60, undefined, now))).toBe(true);
    expect(await storage.broadcasts.create(broadcastOf('r1', occurrence, 10080, undefined, now))).toBe(false);

    expect(await storage.broadcasts.get('r1')).toMatchObject({
      offsetMinutes: 60,
      topic: 'Insulin safety',
      state: 'planning',
      total: 0,
    });
  });

  it('writes one pending row per subscriber in batches, and resumes planning without doubling rows', async () => {
    const storage = await openTestStorage();
    await storage.broadcasts.create(broadcastOf('r2', occurrence, 60, undefined, now));
    const everyone = targets(250, 'r2');
    await storage.broadcasts.addDeliveries('r2', everyone.slice(0, 120), now);
    // Planning crashed after 120 rows; it starts again with everyone (rows 100-119 were in a finished batch).
    await storage.broadcasts.addDeliveries('r2', everyone.slice(100), now);

    expect((await storage.broadcasts.plannedTargets('r2')).size).toBe(250);
    expect(await storage.broadcasts.tally('r2')).toMatchObject({ pending: 250, sending: 0 });
  });

  it('lets one claimant take a row: a second claim over the same read fails', async () => {
    const storage = await openTestStorage();
    await plannedBroadcast(storage, 'r3', 1);
    const [row] = await storage.broadcasts.unsettled('r3');
    if (!row) throw new Error('no row');
    const until = new Date(now.getTime() + 60_000);

    const mine = await storage.broadcasts.claim(row, 'instance-a/1', until, now);
    const theirs = await storage.broadcasts.claim(row, 'instance-b/1', until, now);

    expect(mine).toMatchObject({ status: 'sending', claimedBy: 'instance-a/1' });
    expect(theirs).toBeUndefined();
  });

  it('writes an outcome only over the claim it was sent under', async () => {
    const storage = await openTestStorage();
    await plannedBroadcast(storage, 'r4', 1);
    const [row] = await storage.broadcasts.unsettled('r4');
    if (!row) throw new Error('no row');
    const late = new Date(now.getTime() + 120_000);
    const first = await storage.broadcasts.claim(row, 'instance-a/1', new Date(now.getTime() + 60_000), now);
    // The claim ran out and another instance took the row over.
    const [expired] = await storage.broadcasts.unsettled('r4');
    const second =
      expired && (await storage.broadcasts.claim(expired, 'instance-b/1', new Date(late.getTime() + 60_000), late));
    if (!first || !second) throw new Error('claims failed');

    expect(await storage.broadcasts.settle({ ...first, attempts: 1 }, 'delivered', undefined, late)).toBe(false);
    expect(await storage.broadcasts.settle({ ...second, attempts: 1 }, 'delivered', undefined, late)).toBe(true);
    expect(await storage.broadcasts.tally('r4')).toMatchObject({ delivered: 1, sending: 0 });
  });

  it('finishes a broadcast once, with counts, and gives it as the last report', async () => {
    const storage = await openTestStorage();
    await plannedBroadcast(storage, 'r5', 3);
    const counts = { delivered: 2, unreachable: 1, failed: 0 };

    expect(await storage.broadcasts.finish('r5', counts, now)).toBe(true);
    expect(await storage.broadcasts.finish('r5', counts, now)).toBe(false);
    expect(await storage.broadcasts.unfinished()).toEqual([]);
    expect(await storage.broadcasts.lastFinished('reminder')).toMatchObject({
      id: 'r5',
      state: 'done',
      total: 3,
      counts,
    });
  });
});

describe('Leases (Azurite)', () => {
  it('gives the lease to one holder at a time, and to another once it has run out', async () => {
    const { leases } = await openTestStorage();
    const minuteLater = new Date(now.getTime() + 60_000);

    const [a, b] = await Promise.all([
      leases.acquire('job', 'a', minuteLater, now),
      leases.acquire('job', 'b', minuteLater, now),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const holder = a ? 'a' : 'b';
    const other = a ? 'b' : 'a';

    expect(await leases.acquire('job', holder, new Date(minuteLater.getTime() + 60_000), now)).toBe(true);
    expect(await leases.acquire('job', other, minuteLater, new Date(minuteLater.getTime() - 1))).toBe(false);
    expect(
      await leases.acquire(
        'job',
        other,
        new Date(minuteLater.getTime() + 120_000),
        new Date(minuteLater.getTime() + 60_001),
      ),
    ).toBe(true);
  });

  it('is free at once when its holder releases it', async () => {
    const { leases } = await openTestStorage();
    const later = new Date(now.getTime() + 60_000);
    await leases.acquire('job', 'a', later, now);
    await leases.release('job', 'a');

    expect(await leases.acquire('job', 'b', later, now)).toBe(true);
  });
});

describe('WebinarSettings (Azurite)', () => {
  it("keeps the lead's schedule and changes to single dates; a field left empty keeps the earlier change's", async () => {
    const { webinarSettings } = await openTestStorage();
    const schedule = {
      rule: 'FREQ=MONTHLY;BYDAY=-1FR',
      firstDate: undefined,
      startTime: '10:00',
      durationMinutes: 90,
      topic: undefined,
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/x',
    };
    await webinarSettings.saveSchedule(schedule, 'lead', now);
    await webinarSettings.saveChange(
      { occurrenceId: '2026-12-25T10:00', topic: undefined, joinUrl: undefined, cancelled: true },
      'lead',
      now,
    );
    await webinarSettings.saveChange(
      {
        occurrenceId: '2027-01-29T10:00',
        topic: 'Insulin',
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/jan',
        cancelled: false,
      },
      'lead',
      now,
    );
    await webinarSettings.saveChange(
      { occurrenceId: '2027-01-29T10:00', topic: 'Opioids', joinUrl: undefined, cancelled: false },
      'lead',
      now,
    );
    // Un-cancelling with nothing else set: nothing is left to change, so the row goes.
    await webinarSettings.saveChange(
      { occurrenceId: '2026-12-25T10:00', topic: undefined, joinUrl: undefined, cancelled: false },
      'lead',
      now,
    );

    expect(await webinarSettings.load()).toEqual({
      schedule,
      changes: [
        {
          occurrenceId: '2027-01-29T10:00',
          topic: 'Opioids',
          joinUrl: 'https://teams.microsoft.com/l/meetup-join/jan',
          cancelled: false,
        },
      ],
    });
  });
});
