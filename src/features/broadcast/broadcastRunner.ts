import { randomBytes } from 'node:crypto';
import { errorSummary } from '../../platform/errorSummary.js';
import { withCorrelationId } from '../../platform/logContext.js';
import type { Logger } from '../../platform/logger.js';
import { underLease, type LeaseStore } from '../../platform/storage/leases.js';
import type { Broadcast, BroadcastStore, DeliveryCounts, BroadcastTarget } from './broadcast.js';
import { withKind, type BroadcastKinds } from './broadcastKind.js';
import type { Dispatcher } from './dispatcher.js';

/** A broadcast made while another instance works: how often and how long to try to take over. */
const NOW_RETRY_MS = 2_000;
const NOW_RETRIES = 30;
/** How often a broadcast being sent is looked at again for a withdrawal (one storage read). */
const WITHDRAWN_CHECK_MS = 2_000;
/** Outbox rows written per batch while planning. */
const PLANNING_BATCH = 500;

/** The machinery's parts: one store, lease, dispatcher and timer for every kind of broadcast. */
export interface BroadcastRunnerOptions {
  store: BroadcastStore;
  leases: LeaseStore;
  /** Sends every kind; its `send` goes to the broadcast's kind (see `createBroadcasting`). */
  dispatcher: Dispatcher;
  /** Names the lease this runner works under (one instance at a time), and its log lines ("broadcast tick failed"). */
  name: { lease: string; log: string };
  /** Stable per instance (App Service's WEBSITE_INSTANCE_ID), so a restarted process resumes its own work at once. */
  instanceId: string;
  kinds: BroadcastKinds;
  /** Broadcasts that are due now (insert if absent); their ids, for the tick's result. */
  plan?(): Promise<string[]>;
  logger: Logger;
  now?: () => Date;
  /** How long the lease holds without renewal; renewed every third of it while working. */
  leaseMs?: number;
  tickMs?: number;
}

export interface TickResult {
  /** False when another instance held the lease. */
  ran: boolean;
  planned: string[];
  finished: string[];
}

/** A tick that did not run (another instance held the lease, or the runner has stopped). */
const notRun = (): TickResult => ({ ran: false, planned: [], finished: [] });

export interface BroadcastRunner {
  /** Plans what is due and sends what is in the outbox; a tick already running here is joined. */
  tick(): Promise<TickResult>;
  /** Sends a broadcast just made (a lead's), retrying shortly while another instance holds the lease. */
  sendSoon(): void;
  /** Creates a broadcast (false when its id was used already) and sends it soon. */
  launch(broadcast: Broadcast): Promise<boolean>;
  /** The timer (and a first tick soon after start, to catch up after downtime). */
  start(): void;
  stop(): Promise<void>;
}

/** The work on one broadcast, from planning its outbox to the leads' report. */
function broadcastWork(options: BroadcastRunnerOptions, claimant: { id: string; instanceId: string }) {
  const { store, dispatcher, logger } = options;
  const now = options.now ?? (() => new Date());

  /** Writes the outbox of a broadcast still planning; resumable: rows already written are kept. */
  async function writeOutbox(broadcast: Broadcast): Promise<void> {
    const already = await store.plannedTargets(broadcast.id);
    let total = already.size;
    let batch: BroadcastTarget[] = [];
    for await (const target of withKind(options.kinds, broadcast, (kind, typed) => kind.audience(typed))) {
      if (already.has(target.conversationId)) continue;
      batch.push(target);
      total += 1;
      if (batch.length >= PLANNING_BATCH) {
        await store.addDeliveries(broadcast.id, batch, now());
        batch = [];
      }
    }
    await store.addDeliveries(broadcast.id, batch, now());
    await store.startSending(broadcast.id, total);
    logger.info(
      { broadcastId: broadcast.id, kind: broadcast.kind, recipients: total, outcome: 'planned' },
      `${options.name.log} planned`,
    );
  }

  /** The leads' report, once; if it fails, the next tick tries again (the broadcast stays unreported). */
  async function report(broadcast: Broadcast): Promise<void> {
    await withKind(options.kinds, broadcast, (kind, typed) => kind.onFinished(typed));
    await store.markReported(broadcast.id);
  }

  /** Marks the broadcast done with its counts and reports it; false when another instance finished it first. */
  async function finish(broadcast: Broadcast, tally: DeliveryCounts): Promise<boolean> {
    const counts = { delivered: tally.delivered, unreachable: tally.unreachable, failed: tally.failed };
    if (!(await store.finish(broadcast.id, counts, now()))) return false;
    const total = counts.delivered + counts.unreachable + counts.failed;
    logger.info(
      { broadcastId: broadcast.id, kind: broadcast.kind, ...counts, outcome: 'finished' },
      `${options.name.log} finished`,
    );
    await report({ ...broadcast, state: 'done', counts, total, finishedAt: now(), reported: false });
    return true;
  }

  /** Sends until the outbox is settled or no progress is possible; then reports. True when finished here. */
  async function send(broadcast: Broadcast, keepGoing: () => boolean): Promise<boolean> {
    // Withdrawn meanwhile (a webinar date the lead cancelled, an announcement withdrawn): what is
    // left is not sent. Asked again every few seconds while sending, and before each retry.
    const withdrawn = askedEvery(WITHDRAWN_CHECK_MS, async () =>
      withKind(options.kinds, broadcast, (kind, typed) => kind.withdrawn?.(typed)),
    );
    for (;;) {
      const pass = await dispatcher.dispatch(broadcast, claimant, keepGoing, withdrawn);
      const tally = await store.tally(broadcast.id);
      if (tally.pending + tally.sending === 0) return finish(broadcast, tally);
      const progressed = pass.settled.delivered + pass.settled.unreachable + pass.settled.failed > 0;
      // Rows held under another instance's claim, or storage failing under us: the next tick goes on.
      if (!progressed || !keepGoing()) return false;
    }
  }

  /** Every unfinished broadcast, looked for again after each round (a lead's may arrive meanwhile). */
  async function sendAll(working: () => boolean): Promise<string[]> {
    const finished: string[] = [];
    for (const broadcast of await store.unreported()) await report(broadcast);
    const tried = new Set<string>();
    while (working()) {
      // Oldest first: a correction comes after the broadcast it corrects.
      const waiting = (await store.unfinished())
        .filter((broadcast) => !tried.has(broadcast.id))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      if (waiting.length === 0) break;
      for (const broadcast of waiting) {
        tried.add(broadcast.id);
        if (!working()) break;
        if (broadcast.state === 'planning') {
          // Not ready yet (what it corrects is still sending elsewhere): a later tick plans it.
          if (!(await withKind(options.kinds, broadcast, (kind, typed) => kind.ready?.(typed) ?? true))) continue;
          await writeOutbox(broadcast);
        }
        if (await send(broadcast, working)) finished.push(broadcast.id);
      }
    }
    return finished;
  }

  return { sendAll };
}

/**
 * Runs `run` on demand and on a timer, one run at a time: a tick asked for while one runs joins
 * it and asks for another straight after. Failures are logged once, here.
 */
function createTicker(
  run: () => Promise<TickResult>,
  name: { lease: string; log: string },
  logger: Logger,
  isStopped: () => boolean,
) {
  let running: Promise<TickResult> | undefined;
  let again = false;

  function tick(): Promise<TickResult> {
    if (isStopped()) return Promise.resolve(notRun());
    if (running) {
      again = true;
      return running;
    }
    // Logged here, once, whoever asked for the tick (the timer, a lead, the job route).
    const logged = () =>
      run().catch((error: unknown) => {
        logger.error({ job: name.lease, outcome: 'failed', error: errorSummary(error) }, `${name.log} tick failed`);
        throw error;
      });
    const current = withCorrelationId(logged).finally(() => {
      running = undefined;
      if (again && !isStopped()) {
        again = false;
        scheduledTick();
      }
    });
    running = current;
    return current;
  }

  function scheduledTick(): void {
    // Storage down, most likely: logged by tick(); nothing is lost, the next tick catches up.
    tick().catch(() => undefined);
  }

  /**
   * For a lead's broadcast: if another instance holds the lease, try again shortly, in case its
   * tick had already looked for work (it looks again before it lets go, but not after).
   */
  function tickUntilRun(triesLeft: number): void {
    tick().then(
      (result) => {
        if (result.ran || triesLeft <= 0 || isStopped()) return;
        const retry = setTimeout(() => tickUntilRun(triesLeft - 1), NOW_RETRY_MS);
        retry.unref();
      },
      // Logged by tick(): the next tick catches up.
      () => undefined,
    );
  }

  return { tick, scheduledTick, tickUntilRun, running: () => running };
}

/**
 * The broadcast machinery: under a lease (one instance at a time), plan what is due, write each
 * broadcast's outbox, send it through the dispatcher within Teams' limits, and report it.
 * Everything it knows is in storage, so any instance can pick up where another stopped.
 */
export function createBroadcastRunner(options: BroadcastRunnerOptions): BroadcastRunner {
  const { leases, dispatcher, instanceId } = options;
  const now = options.now ?? (() => new Date());
  const tickMs = options.tickMs ?? 60_000;
  const lease = { name: options.name.lease, holder: instanceId, leaseMs: options.leaseMs ?? 60_000, now };
  const work = broadcastWork(options, { id: `${instanceId}/${randomBytes(4).toString('hex')}`, instanceId });
  let timer: NodeJS.Timeout | undefined;
  let firstTick: NodeJS.Timeout | undefined;
  let stopped = false;

  const run = async (): Promise<TickResult> =>
    (await underLease(leases, lease, async (held) => {
      const planned = (await options.plan?.()) ?? [];
      // Once the lease is lost, no new row is claimed: another instance goes on.
      const finished = await work.sendAll(() => held.held && !stopped);
      return { ran: true, planned, finished };
    })) ?? notRun();

  const ticker = createTicker(run, options.name, options.logger, () => stopped);

  const sendSoon = () => ticker.tickUntilRun(NOW_RETRIES);
  return {
    tick: ticker.tick,
    sendSoon,
    async launch(broadcast) {
      const created = await options.store.create(broadcast);
      if (created) sendSoon();
      return created;
    },
    start() {
      firstTick = setTimeout(ticker.scheduledTick, Math.min(5_000, tickMs));
      timer = setInterval(ticker.scheduledTick, tickMs);
      firstTick.unref();
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearTimeout(firstTick);
      clearInterval(timer);
      // No new row is claimed; sends in flight finish (seconds, or a 429's Retry-After at worst).
      await ticker.running()?.catch(() => undefined);
      dispatcher.close();
    },
  };
}

/**
 * Why a broadcast must no longer go out, asked at most once every `ms` however many rows ask;
 * once withdrawn it stays so.
 */
function askedEvery(ms: number, ask: () => Promise<string | undefined>): () => Promise<string | undefined> {
  let asked: { at: number; answer: Promise<string | undefined> } | undefined;
  return async () => {
    const now = performance.now();
    if (!asked || now - asked.at >= ms) asked = { at: now, answer: ask() };
    const answer = await asked.answer;
    if (answer !== undefined) asked = { at: Number.POSITIVE_INFINITY, answer: asked.answer };
    return answer;
  };
}
