import { randomBytes } from 'node:crypto';
import { errorSummary } from '../../platform/errorSummary.js';
import { withCorrelationId } from '../../platform/logContext.js';
import type { Logger } from '../../platform/logger.js';
import { underLease, type LeaseStore } from '../../platform/storage/leases.js';
import {
  emptyCounts,
  type Broadcast,
  type BroadcastStore,
  type DeliveryCounts,
  type ReminderTarget,
} from './broadcast.js';
import type { Dispatcher } from './dispatcher.js';
import { dueReminders, type ReminderOffset } from './reminderPlan.js';
import type { WebinarOccurrence } from '../webinar/schedule.js';
import type { Webinars } from '../webinar/webinars.js';

const REMINDER_LEASE = 'reminders';
/** Ids of broadcasts a lead sends by hand: `n` and 16 hex digits, made when the confirm card is shown. */
export const BROADCAST_NOW_PATTERN = /^n[0-9a-f]{16}$/;

export function newBroadcastNowId(): string {
  return `n${randomBytes(8).toString('hex')}`;
}
/** A lead's broadcast started while another instance works: how often and how long to try to take over. */
const NOW_RETRY_MS = 2_000;
const NOW_RETRIES = 30;
/** Outbox rows written per batch while planning. */
const PLANNING_BATCH = 500;

export interface ReminderJobOptions {
  webinars: Webinars;
  store: BroadcastStore;
  leases: LeaseStore;
  /** Every conversation that gets reminders now (switched on and reachable). */
  subscribers(): AsyncIterable<ReminderTarget>;
  dispatcher: Dispatcher;
  offsets: readonly ReminderOffset[];
  /** Stable per instance (App Service's WEBSITE_INSTANCE_ID), so a restarted process resumes its own work at once. */
  instanceId: string;
  /** Called once per broadcast, by the instance that finished it: the leads' report. */
  onFinished(broadcast: Broadcast): Promise<void>;
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

export interface ReminderJob {
  /** Plans due reminders and sends what is in the outbox; a tick already running here is joined. */
  tick(): Promise<TickResult>;
  /** A reminder now, for one occurrence (the lead's action); false when that id was used already. */
  broadcastNow(occurrence: WebinarOccurrence, id: string, requestedBy: string): Promise<boolean>;
  /** The minute timer (and a first tick soon after start, to catch up after downtime). */
  start(): void;
  stop(): Promise<void>;
}

export function broadcastOf(
  id: string,
  occurrence: WebinarOccurrence,
  offsetMinutes: number | undefined,
  requestedBy: string | undefined,
  now: Date,
): Broadcast {
  return {
    id,
    occurrenceId: occurrence.id,
    start: occurrence.start,
    end: occurrence.end,
    topic: occurrence.topic,
    joinUrl: occurrence.joinUrl,
    offsetMinutes,
    requestedBy,
    state: 'planning',
    createdAt: now,
    total: 0,
    counts: emptyCounts(),
    finishedAt: undefined,
    reported: false,
  };
}

/** The work on one broadcast, from planning its outbox to the leads' report. */
function broadcastWork(options: ReminderJobOptions, claimant: { id: string; instanceId: string }) {
  const { store, dispatcher, logger } = options;
  const now = options.now ?? (() => new Date());

  /** Writes the outbox of a broadcast still planning; resumable: rows already written are kept. */
  async function writeOutbox(broadcast: Broadcast): Promise<void> {
    const already = await store.plannedTargets(broadcast.id);
    let total = already.size;
    let batch: ReminderTarget[] = [];
    for await (const target of options.subscribers()) {
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
    logger.info({ broadcastId: broadcast.id, subscribers: total, outcome: 'planned' }, 'reminder broadcast planned');
  }

  /** The leads' report, once; if it fails, the next tick tries again (the broadcast stays unreported). */
  async function report(broadcast: Broadcast): Promise<void> {
    await options.onFinished(broadcast);
    await store.markReported(broadcast.id);
  }

  /** Marks the broadcast done with its counts and reports it; false when another instance finished it first. */
  async function finish(broadcast: Broadcast, tally: DeliveryCounts): Promise<boolean> {
    const counts = { delivered: tally.delivered, unreachable: tally.unreachable, failed: tally.failed };
    if (!(await store.finish(broadcast.id, counts, now()))) return false;
    const total = counts.delivered + counts.unreachable + counts.failed;
    logger.info({ broadcastId: broadcast.id, ...counts, outcome: 'finished' }, 'reminder broadcast finished');
    await report({ ...broadcast, state: 'done', counts, total, finishedAt: now() });
    return true;
  }

  /** Sends until the outbox is settled or no progress is possible; then reports. True when finished here. */
  async function send(broadcast: Broadcast, keepGoing: () => boolean): Promise<boolean> {
    // A date the lead cancelled after the reminder was made: what is left is not sent.
    const cancelled = (await options.webinars.find(broadcast.occurrenceId))?.cancelled === true;
    for (;;) {
      const pass = await dispatcher.dispatch(
        broadcast,
        claimant,
        keepGoing,
        cancelled ? 'webinar_cancelled' : undefined,
      );
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
      const waiting = (await store.unfinished()).filter((broadcast) => !tried.has(broadcast.id));
      if (waiting.length === 0) break;
      for (const broadcast of waiting) {
        tried.add(broadcast.id);
        if (!working()) break;
        if (broadcast.state === 'planning') await writeOutbox(broadcast);
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
function createTicker(run: () => Promise<TickResult>, logger: Logger, isStopped: () => boolean) {
  let running: Promise<TickResult> | undefined;
  let again = false;

  function tick(): Promise<TickResult> {
    if (isStopped()) return Promise.resolve({ ran: false, planned: [], finished: [] });
    if (running) {
      again = true;
      return running;
    }
    // Logged here, once, whoever asked for the tick (the timer, a lead, the job route).
    const logged = () =>
      run().catch((error: unknown) => {
        logger.error({ job: 'reminders', outcome: 'failed', error: errorSummary(error) }, 'reminder tick failed');
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
 * The reminder job: under a lease (one instance at a time), turn each due reminder into one
 * broadcast (insert if absent), write its outbox, send it through the dispatcher, and report it.
 * Everything it knows is in storage, so any instance can pick up where another stopped.
 */
export function createReminderJob(options: ReminderJobOptions): ReminderJob {
  const { store, leases, dispatcher, instanceId } = options;
  const now = options.now ?? (() => new Date());
  const tickMs = options.tickMs ?? 60_000;
  const lease = { name: REMINDER_LEASE, holder: instanceId, leaseMs: options.leaseMs ?? 60_000, now };
  const work = broadcastWork(options, { id: `${instanceId}/${randomBytes(4).toString('hex')}`, instanceId });
  let timer: NodeJS.Timeout | undefined;
  let firstTick: NodeJS.Timeout | undefined;
  let stopped = false;

  /** Broadcasts for the reminders now due; one per reminder, whichever instance makes it first. */
  async function plan(): Promise<string[]> {
    // Only the next webinar that has not begun: a weekly or daily series must not get reminders for several at once.
    const next = (await options.webinars.upcoming(2)).find(
      (occurrence) => occurrence.start.getTime() > now().getTime(),
    );
    const planned: string[] = [];
    for (const { broadcastId, occurrence, offsetMinutes } of dueReminders(next ? [next] : [], options.offsets, now())) {
      if (await store.create(broadcastOf(broadcastId, occurrence, offsetMinutes, undefined, now())))
        planned.push(broadcastId);
    }
    return planned;
  }

  const run = async (): Promise<TickResult> =>
    (await underLease(leases, lease, async (held) => {
      const planned = await plan();
      // Once the lease is lost, no new row is claimed: another instance goes on.
      const finished = await work.sendAll(() => held.held && !stopped);
      return { ran: true, planned, finished };
    })) ?? { ran: false, planned: [], finished: [] };

  const ticker = createTicker(run, options.logger, () => stopped);

  return {
    tick: ticker.tick,
    async broadcastNow(occurrence, id, requestedBy) {
      const created = await store.create(broadcastOf(id, occurrence, undefined, requestedBy, now()));
      if (created) ticker.tickUntilRun(NOW_RETRIES);
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
