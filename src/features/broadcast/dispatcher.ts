import PQueue from 'p-queue';
import pRetry, { AbortError } from 'p-retry';
import type { Broadcast, BroadcastStore, Delivery, FinalDeliveryStatus, ReminderTarget } from './broadcast.js';

/** What one try at sending said; the sender maps the connector's answer to this. */
export type SendOutcome =
  | { ok: true }
  | {
      ok: false;
      /** HTTP status; undefined for a network error. */
      status: number | undefined;
      /** From a 429's Retry-After. */
      retryAfterMs: number | undefined;
      /** A status or error kind, for the row and the logs; never message content. */
      reason: string;
    };

export type SendReminder = (target: ReminderTarget, broadcast: Broadcast) => Promise<SendOutcome>;

/** Teams allows 7 messages a second in one conversation. */
const PER_CONVERSATION_PER_SECOND = 7;
/** How long a claim by an earlier run of this instance must have been quiet before it is taken over. */
const OWN_RUN_QUIET_MS = 15_000;
/** Worth another try: throttled, a conflict, a gateway or service hiccup, or no answer at all. */
const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);
/** The bot was removed, or the conversation is gone: stop writing there. */
const UNREACHABLE = new Set([403, 404]);

export interface DispatcherOptions {
  store: BroadcastStore;
  send: SendReminder;
  markUnreachable(conversationId: string): Promise<void>;
  /** Sends per second across the whole broadcast (BROADCAST_RPS). */
  ratePerSecond: number;
  /** Tries per row before it is failed. */
  maxAttempts?: number;
  /** First back-off, doubled each time with jitter, up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claim holds before another instance may take the row over. */
  claimMs?: number;
  /** Rows settled at once; enough to keep the rate busy while storage answers. */
  parallelRows?: number;
  now?: () => Date;
  onError?: (error: unknown, delivery: Delivery) => void;
  /** Why a row must not go out any more at this moment (a reminder for a webinar that has begun), or undefined. */
  expired?(broadcast: Broadcast, now: Date): string | undefined;
}

export interface DispatchClaimant {
  /** This process: `instance/run`. */
  id: string;
  /** Rows claimed by an earlier run of this instance (it crashed) may be taken over at once. */
  instanceId: string;
}

export interface PassResult {
  settled: Record<FinalDeliveryStatus, number>;
  /** Rows another instance holds under a live claim, left for it. */
  heldElsewhere: number;
}

const rowKey = (row: Delivery) => `${row.broadcastId}/${row.conversationId}`;

class Unreachable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Sends a broadcast's outbox rows within Teams' limits: a sliding-window rate for all sends
 * (`ratePerSecond`), 7 per second per conversation, a pause of every send for a 429's
 * Retry-After (the limit is the tenant's), and exponential back-off with jitter for 412, 5xx
 * and network errors. Each row is claimed with its ETag before it is sent, so two instances
 * never send the same row; a crash leaves only the rows in flight to be sent twice.
 */
export class Dispatcher {
  private readonly sends: PQueue;
  private readonly conversations = new Map<string, PQueue>();
  /** Rows this process is sending now (broadcast/conversation): never claimed twice here. */
  private readonly inFlight = new Set<string>();
  /** Rows sent whose outcome could not be written (storage failed): written later, never sent again. */
  private readonly unwritten = new Map<
    string,
    { status: FinalDeliveryStatus; reason: string | undefined; attempts: number }
  >();
  private resumeAt = 0;
  private resumeTimer: NodeJS.Timeout | undefined;
  private readonly maxAttempts: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly claimMs: number;
  private readonly parallelRows: number;
  private readonly now: () => Date;

  constructor(private readonly options: DispatcherOptions) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.minBackoffMs = options.minBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 15_000;
    // Longer than a row's retries can take (back-off sums to about 15 s, plus a Retry-After or two).
    this.claimMs = options.claimMs ?? 60_000;
    // About a second of sends claimed ahead: enough to keep the rate busy, few to take over after a crash.
    this.parallelRows = options.parallelRows ?? Math.max(8, options.ratePerSecond);
    this.now = options.now ?? (() => new Date());
    // Smooth rather than bursty: a handful of sends per slice of a second, in a sliding window.
    const perSlice = Math.max(1, Math.floor(options.ratePerSecond / 10));
    this.sends = new PQueue({
      intervalCap: perSlice,
      interval: (1000 * perSlice) / options.ratePerSecond,
      strict: true,
    });
  }

  /**
   * One pass over the broadcast's unsettled rows; stops early when `keepGoing` says so (the lease
   * was lost). With `skipReason` (the webinar was cancelled or has begun) rows are failed unsent.
   */
  async dispatch(
    broadcast: Broadcast,
    claimant: DispatchClaimant,
    keepGoing: () => boolean = () => true,
    skipReason?: string,
  ): Promise<PassResult> {
    const result: PassResult = { settled: { delivered: 0, unreachable: 0, failed: 0 }, heldElsewhere: 0 };
    const rows = await this.options.store.unsettled(broadcast.id);
    const workers = new PQueue({ concurrency: this.parallelRows });
    for (const row of rows) {
      if (!this.claimable(row, claimant)) {
        result.heldElsewhere += 1;
        continue;
      }
      void workers.add(async () => {
        if (!keepGoing()) return;
        this.inFlight.add(rowKey(row));
        try {
          const status = await this.deliver(row, broadcast, claimant, skipReason);
          if (status) result.settled[status] += 1;
          else result.heldElsewhere += 1;
        } catch (error) {
          // Storage failed under this row: it stays claimed, and the next pass here (or another
          // instance once the claim ends) takes it up again.
          this.options.onError?.(error, row);
        } finally {
          this.inFlight.delete(rowKey(row));
        }
      });
    }
    await workers.onIdle();
    return result;
  }

  /** Stops the Retry-After timer so the process can exit. */
  close(): void {
    clearTimeout(this.resumeTimer);
    this.sends.start();
  }

  private claimable(row: Delivery, claimant: DispatchClaimant): boolean {
    if (this.inFlight.has(rowKey(row))) return false;
    if (row.status === 'pending') return true;
    if (!row.claimedBy || !row.claimedUntil) return true;
    const now = this.now().getTime();
    if (row.claimedBy === claimant.id) return true; // not in flight here: its outcome could not be written
    // An earlier run of this instance: taken over once it has been quiet for a while, so a
    // process still finishing during a restart is not overtaken; any other claim when it runs out.
    const claimedAt = row.claimedUntil.getTime() - this.claimMs;
    if (row.claimedBy.startsWith(`${claimant.instanceId}/`)) return now - claimedAt >= OWN_RUN_QUIET_MS;
    return row.claimedUntil.getTime() <= now;
  }

  /** Claims, sends with retries, and writes the outcome; undefined when the row was taken by another instance. */
  private async deliver(
    row: Delivery,
    broadcast: Broadcast,
    claimant: DispatchClaimant,
    skipReason: string | undefined,
  ): Promise<FinalDeliveryStatus | undefined> {
    const { store } = this.options;
    const claimed = await store.claim(row, claimant.id, new Date(this.now().getTime() + this.claimMs), this.now());
    if (!claimed) return undefined;
    const known = this.unwritten.get(rowKey(row));
    if (known) {
      // Sent already; only the outcome is missing from storage.
      const written = await store.settle(
        { ...claimed, attempts: known.attempts },
        known.status,
        known.reason,
        this.now(),
      );
      this.unwritten.delete(rowKey(row));
      return written ? known.status : undefined;
    }
    // Withdrawn or expired (a reminder for a webinar that was cancelled or has begun): failed, not sent.
    const skip = skipReason ?? this.options.expired?.(broadcast, this.now());
    if (skip) {
      await store.settle(claimed, 'failed', skip, this.now());
      return 'failed';
    }
    let attempts = claimed.attempts;
    let status: FinalDeliveryStatus;
    let reason: string | undefined;
    try {
      await pRetry(
        async () => {
          attempts += 1;
          const outcome = await this.sendWithinLimits(claimed, broadcast);
          if (outcome.ok) return;
          if (outcome.status !== undefined && UNREACHABLE.has(outcome.status))
            throw new AbortError(new Unreachable(outcome.reason));
          if (outcome.status === 429) this.pauseAll(outcome.retryAfterMs ?? 1000);
          if (outcome.status === undefined || RETRYABLE.has(outcome.status)) throw new Error(outcome.reason);
          throw new AbortError(outcome.reason);
        },
        {
          retries: Math.max(0, this.maxAttempts - 1 - claimed.attempts),
          factor: 2,
          minTimeout: this.minBackoffMs,
          maxTimeout: this.maxBackoffMs,
          randomize: true,
        },
      );
      status = 'delivered';
    } catch (error) {
      if (error instanceof Unreachable) {
        status = 'unreachable';
        reason = error.reason;
        await this.options.markUnreachable(claimed.conversationId);
      } else {
        status = 'failed';
        reason = `${error instanceof Error ? error.message : 'error'} after ${String(attempts)} attempts`.slice(0, 100);
      }
    }
    try {
      const settled = await store.settle({ ...claimed, attempts }, status, reason, this.now());
      return settled ? status : undefined;
    } catch (error) {
      this.unwritten.set(rowKey(row), { status, reason, attempts });
      throw error;
    }
  }

  private async sendWithinLimits(target: ReminderTarget, broadcast: Broadcast): Promise<SendOutcome> {
    const { conversationId } = target;
    let conversation = this.conversations.get(conversationId);
    if (!conversation) {
      conversation = new PQueue({ intervalCap: PER_CONVERSATION_PER_SECOND, interval: 1000, strict: true });
      this.conversations.set(conversationId, conversation);
    }
    const queue = conversation;
    try {
      return await queue.add(() => this.sends.add(() => this.options.send(target, broadcast)));
    } finally {
      // Forget an idle conversation's queue, so thousands of chats do not pile up in memory.
      if (queue.size === 0 && queue.pending === 0) this.conversations.delete(conversationId);
    }
  }

  /** Teams' limit is per app and tenant: a 429 holds every send until its Retry-After has passed. */
  private pauseAll(ms: number): void {
    const until = Date.now() + Math.max(0, ms);
    if (until <= this.resumeAt) return;
    this.resumeAt = until;
    this.sends.pause();
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => {
      this.resumeAt = 0;
      this.sends.start();
    }, until - Date.now());
    this.resumeTimer.unref();
  }
}
