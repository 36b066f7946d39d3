import { describe, expect, it } from 'vitest';
import type { Storage } from '../../../../src/storage.js';
import type { Broadcast, BroadcastTarget } from '../../../../src/features/broadcast/broadcast.js';
import { Dispatcher, type SendOutcome } from '../../../../src/features/broadcast/dispatcher.js';
import { broadcastOf, webinarStarted } from '../../../../src/features/reminders/reminderJob.js';
import { openTestStorage } from '../../../support/testBot.js';

const inAWeek = new Date(Date.now() + 7 * 24 * 3600_000);
const occurrence = {
  id: '2030-01-10T13:00',
  start: inAWeek,
  end: new Date(inAWeek.getTime() + 3600_000),
  topic: undefined,
  joinUrl: undefined,
  cancelled: false,
};
const claimant = (instanceId: string, run = '1') => ({ id: `${instanceId}/${run}`, instanceId });
const ok: SendOutcome = { ok: true };
const refused = (status: number | undefined, retryAfterMs?: number): SendOutcome => ({
  ok: false,
  status,
  retryAfterMs,
  reason: status ? `http_${String(status)}` : 'ECONNRESET',
});

async function broadcastTo(storage: Storage, count: number, at = occurrence): Promise<Broadcast> {
  const id = `n${Math.random().toString(16).slice(2, 10).padEnd(16, '0')}`;
  const broadcast = broadcastOf(id, at, undefined, 'lead', new Date());
  await storage.broadcasts.create(broadcast);
  const targets: BroadcastTarget[] = Array.from({ length: count }, (_, n) => ({
    conversationId: `a:${id}-${String(n)}`,
    kind: 'personal',
    reference: {},
  }));
  await storage.broadcasts.addDeliveries(id, targets, new Date());
  await storage.broadcasts.startSending(id, count);
  return { ...broadcast, state: 'sending', total: count };
}

/** A connector stand-in at the send function: answers from a script per conversation, then OK; records each call. */
function scriptedSend(script: Record<string, SendOutcome[]> = {}) {
  const calls: { conversationId: string; at: number }[] = [];
  const send = (target: BroadcastTarget) => {
    calls.push({ conversationId: target.conversationId, at: Date.now() });
    return Promise.resolve(script[target.conversationId]?.shift() ?? ok);
  };
  return { calls, send };
}

function dispatcher(
  storage: Storage,
  send: (target: BroadcastTarget) => Promise<SendOutcome>,
  options: { rate?: number; maxAttempts?: number; unreachable?: string[] } = {},
) {
  return new Dispatcher({
    store: storage.broadcasts,
    send,
    markUnreachable: (conversationId) => {
      options.unreachable?.push(conversationId);
      return Promise.resolve();
    },
    ratePerSecond: options.rate ?? 50,
    expired: webinarStarted,
    maxAttempts: options.maxAttempts ?? 4,
    minBackoffMs: 20,
    maxBackoffMs: 100,
  });
}

describe('the reminder dispatcher (outbox on Azurite)', () => {
  it('retries 503, 502, 504, 412 and network errors with back-off, and delivers', async () => {
    const storage = await openTestStorage();
    const broadcast = await broadcastTo(storage, 1);
    const [row] = await storage.broadcasts.unsettled(broadcast.id);
    const { calls, send } = scriptedSend({
      [row?.conversationId ?? '']: [refused(503), refused(502), refused(504), refused(412), refused(undefined)],
    });

    const pass = await dispatcher(storage, send, { maxAttempts: 6 }).dispatch(broadcast, claimant('a'));

    expect(pass.settled).toEqual({ delivered: 1, unreachable: 0, failed: 0 });
    expect(calls).toHaveLength(6);
    expect(await storage.broadcasts.tally(broadcast.id)).toMatchObject({ delivered: 1 });
  });

  it('fails a row after the bounded number of attempts, with its reason', async () => {
    const storage = await openTestStorage();
    const broadcast = await broadcastTo(storage, 1);
    const [row] = await storage.broadcasts.unsettled(broadcast.id);
    const { calls, send } = scriptedSend({
      [row?.conversationId ?? '']: Array.from({ length: 10 }, () => refused(503)),
    });

    await dispatcher(storage, send, { maxAttempts: 3 }).dispatch(broadcast, claimant('a'));

    expect(calls).toHaveLength(3);
    expect(await storage.broadcasts.tally(broadcast.id)).toMatchObject({ failed: 1, pending: 0, sending: 0 });
  });

  it('does not retry a request Teams refuses as bad (400)', async () => {
    const storage = await openTestStorage();
    const broadcast = await broadcastTo(storage, 1);
    const [row] = await storage.broadcasts.unsettled(broadcast.id);
    const { calls, send } = scriptedSend({ [row?.conversationId ?? '']: [refused(400)] });

    const pass = await dispatcher(storage, send).dispatch(broadcast, claimant('a'));

    expect(calls).toHaveLength(1);
    expect(pass.settled.failed).toBe(1);
  });

  it('marks a conversation unreachable on 403 or 404 and sends there no more', async () => {
    const storage = await openTestStorage();
    const broadcast = await broadcastTo(storage, 2);
    const [first, second] = await storage.broadcasts.unsettled(broadcast.id);
    const unreachable: string[] = [];
    const { calls, send } = scriptedSend({
      [first?.conversationId ?? '']: [refused(403)],
      [second?.conversationId ?? '']: [refused(404)],
    });

    const pass = await dispatcher(storage, send, { unreachable }).dispatch(broadcast, claimant('a'));

    expect(pass.settled.unreachable).toBe(2);
    expect(calls).toHaveLength(2);
    expect(unreachable.sort()).toEqual([first?.conversationId, second?.conversationId].sort());
  });

  it('keeps to the rate: never more sends than BROADCAST_RPS in any one second', async () => {
    const storage = await openTestStorage();
    const broadcast = await broadcastTo(storage, 45);
    const { calls, send } = scriptedSend();

    await dispatcher(storage, send, { rate: 20 }).dispatch(broadcast, claimant('a'));

    expect(calls).toHaveLength(45);
    const busiestSecond = Math.max(
      ...calls.map((call) => calls.filter((other) => other.at >= call.at && other.at < call.at + 1000).length),
    );
    expect(busiestSecond).toBeLessThanOrEqual(20);
  });

  it("waits a lone 429's Retry-After before sending that row again, and sends the others meanwhile", async () => {
    const storage = await openTestStorage();
    const broadcast = await broadcastTo(storage, 6);
    const [first] = await storage.broadcasts.unsettled(broadcast.id);
    const { calls, send } = scriptedSend({ [first?.conversationId ?? '']: [refused(429, 800)] });

    const pass = await dispatcher(storage, send, { rate: 10 }).dispatch(broadcast, claimant('a'));

    expect(pass.settled.delivered).toBe(6);
    const [throttled, ...others] = calls;
    const again = others.filter((call) => call.conversationId === throttled?.conversationId);
    expect(again).toHaveLength(1);
    expect((again[0]?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(790);
    expect(others.filter((call) => call.at - (throttled?.at ?? 0) < 700)).toHaveLength(5);
  });

  it('takes a run of 429s from many conversations, at speed, as the tenant limit: every send pauses, then goes on slower', async () => {
    const storage = await openTestStorage();
    const broadcast = await broadcastTo(storage, 60);
    const rows = await storage.broadcasts.unsettled(broadcast.id);
    // Refused one after another once it is going at 20 a second: more than a fifth of the answers.
    const { calls, send } = scriptedSend(
      Object.fromEntries(rows.slice(30, 40).map((row) => [row.conversationId, [refused(429, 1000)]])),
    );
    const sender = dispatcher(storage, send, { rate: 20 });

    const pass = await sender.dispatch(broadcast, claimant('a'));

    expect(pass.settled.delivered).toBe(60);
    const gaps = calls.slice(1).map((call, n) => call.at - (calls[n]?.at ?? 0));
    // Sends on the wire when the limit was heard may land just after; then nothing until Retry-After has passed.
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(850);
    expect(sender.currentRate).toBeLessThan(20);
  });

  it('sends each row once when two instances dispatch one broadcast together', async () => {
    const storage = await openTestStorage();
    const broadcast = await broadcastTo(storage, 60);
    const { calls, send } = scriptedSend();

    await Promise.all([
      dispatcher(storage, send).dispatch(broadcast, claimant('a')),
      dispatcher(storage, send).dispatch(broadcast, claimant('b')),
    ]);

    expect(calls).toHaveLength(60);
    expect(new Set(calls.map((call) => call.conversationId)).size).toBe(60);
    expect(await storage.broadcasts.tally(broadcast.id)).toMatchObject({ delivered: 60, pending: 0, sending: 0 });
  });

  it("after a crash, takes over its own earlier run's quiet rows, and leaves a recent one and another instance's live claims", async () => {
    const storage = await openTestStorage();
    const broadcast = await broadcastTo(storage, 3);
    const [quiet, recent, theirs] = await storage.broadcasts.unsettled(broadcast.id);
    if (!quiet || !recent || !theirs) throw new Error('rows missing');
    // Claims last a minute: one that ends in 40 s was made 20 s ago.
    await storage.broadcasts.claim(quiet, 'a/crashed-run', new Date(Date.now() + 40_000), new Date());
    await storage.broadcasts.claim(recent, 'a/old-run', new Date(Date.now() + 58_000), new Date());
    await storage.broadcasts.claim(theirs, 'b/1', new Date(Date.now() + 60_000), new Date());
    const { calls, send } = scriptedSend();

    const pass = await dispatcher(storage, send).dispatch(broadcast, claimant('a', 'restarted'));

    expect(calls.map((call) => call.conversationId)).toEqual([quiet.conversationId]);
    expect(pass).toMatchObject({ settled: { delivered: 1 }, heldElsewhere: 2 });
  });

  it('writes an outcome it could not write before without sending the reminder again', async () => {
    const storage = await openTestStorage();
    const broadcast = await broadcastTo(storage, 1);
    const { calls, send } = scriptedSend();
    let storageDown = true;
    // The real store, except that writing an outcome fails while `storageDown`.
    const flaky = new Proxy(storage.broadcasts, {
      get(target, property, receiver) {
        if (property === 'settle' && storageDown) return () => Promise.reject(new Error('storage down'));
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const sender = new Dispatcher({
      store: flaky,
      send,
      markUnreachable: () => Promise.resolve(),
      ratePerSecond: 50,
      expired: webinarStarted,
    });

    await sender.dispatch(broadcast, claimant('a'));
    storageDown = false;
    await sender.dispatch(broadcast, claimant('a'));

    expect(calls).toHaveLength(1);
    expect(await storage.broadcasts.tally(broadcast.id)).toMatchObject({ delivered: 1, sending: 0 });
  });

  it('sends nothing once the webinar has started: the rows are failed as late', async () => {
    const storage = await openTestStorage();
    const started = { ...occurrence, start: new Date(Date.now() - 60_000) };
    const broadcast = await broadcastTo(storage, 2, started);
    const { calls, send } = scriptedSend();

    const pass = await dispatcher(storage, send).dispatch(broadcast, claimant('a'));

    expect(calls).toHaveLength(0);
    expect(pass.settled.failed).toBe(2);
  });
});
