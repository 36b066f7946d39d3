import PQueue from 'p-queue';
import type { Broadcast, BroadcastStore, BroadcastTarget, Delivery, FinalDeliveryStatus } from './broadcast.js';
import { SendRate } from './sendRate.js';

/** What one try at sending said; the sender maps the connector's answer to this. */
export type SendOutcome =
  | {
      ok: true;
      /** The id of the activity posted (kept to correct or withdraw it later); undefined if the connector gave none. */
      activityId?: string | undefined;
    }
  | {
      ok: false;
      /** HTTP status; undefined for a network error. */
      status: number | undefined;
      /** From a 429's Retry-After. */
      retryAfterMs: number | undefined;
      /** A status or error kind, for the row and the logs; never message content. */
      reason: string;
    };

export type SendToTarget = (target: BroadcastTarget, broadcast: Broadcast) => Promise<SendOutcome>;

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
  send: SendToTarget;
  /** The connector answered 403 or 404 to a row of this broadcast. */
  markUnreachable(conversationId: string, broadcast: Broadcast): Promise<void>;
  /** Sends per second across the whole broadcast (BROADCAST_RPS): the most the rate climbs back to. */
  ratePerSecond: number;
  /** Tries per row before it is failed. */
  maxAttempts?: number;
  /** First back-off, doubled each time with jitter, up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claim holds before another instance may take the row over. */
  claimMs?: number;
  /** Rows worked on at once: each waits for its turn at the rate, so this only has to cover rows waiting to retry. */
  parallelRows?: number;
  now?: () => Date;
  onError?: (error: unknown, delivery: Delivery) => void;
  /** The tenant's limit was heard (`times` since start): every send paused and the rate dropped to `rate`. */
  onSlowedDown?: (rate: number, times: number) => void;
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

/** How a row ended up, to be written over its claim. */
interface Outcome {
  status: FinalDeliveryStatus;
  reason: string | undefined;
  attempts: number;
  activityId: string | undefined;
}

const rowKey = (row: Delivery) => `${row.broadcastId}/${row.conversationId}`;

/**
 * Sends a broadcast's outbox rows within Teams' limits: the broadcast's rate (`SendRate`: a 429
 * delays its own message; a burst of them from several conversations pauses every send and
 * slows down), 7 per second per conversation, and exponential back-off with jitter for 412, 5xx
 * and network errors. Each row is claimed with its ETag just before it is sent, so two instances
 * never send the same row, and a crash leaves only the requests in the air to be sent twice.
 */
export class Dispatcher {
  private readonly rate: SendRate;
  private readonly conversations = new Map<string, PQueue>();
  /** Rows this process is sending now (broadcast/conversation): never claimed twice here. */
  private readonly inFlight = new Set<string>();
  /** Rows sent whose outcome could not be written (storage failed): written later, never sent again. */
  private readonly unwritten = new Map<string, Outcome>();
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
    // Three seconds' worth: rows waiting out a Retry-After must not hold up the rest.
    this.parallelRows = options.parallelRows ?? Math.max(8, 3 * options.ratePerSecond);
    this.now = options.now ?? (() => new Date());
    this.rate = new SendRate({ ceiling: options.ratePerSecond });
  }

  /**
   * One pass over the broadcast's unsettled rows; stops early when `keepGoing` says so (the lease
   * was lost). Once `withdrawn` gives a reason (the webinar was cancelled, the announcement
   * withdrawn), the rows left, and rows waiting to retry, are failed unsent.
   */
  async dispatch(
    broadcast: Broadcast,
    claimant: DispatchClaimant,
    keepGoing: () => boolean = () => true,
    withdrawn: () => Promise<string | undefined> = () => Promise.resolve(undefined),
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
          const status = await this.deliver(row, broadcast, claimant, withdrawn);
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

  /** Sends a second now: lower than BROADCAST_RPS for a while after the tenant's limit was heard. */
  get currentRate(): number {
    return this.rate.rate;
  }

  /** Stops the rate's timer so the process can exit. */
  close(): void {
    this.rate.close();
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

  /**
   * Sends with retries and writes the outcome; the row is claimed just before its first request
   * goes out, so a crash can repeat only requests that were in the air. Undefined when another
   * instance took the row first.
   */
  private async deliver(
    row: Delivery,
    broadcast: Broadcast,
    claimant: DispatchClaimant,
    withdrawn: () => Promise<string | undefined>,
  ): Promise<FinalDeliveryStatus | undefined> {
    const { store } = this.options;
    const claim = () => store.claim(row, claimant.id, new Date(this.now().getTime() + this.claimMs), this.now());
    const known = this.unwritten.get(rowKey(row));
    // Withdrawn or expired (a reminder for a webinar that was cancelled or has begun): failed, not
    // sent; asked before the first try and before each retry.
    const stopped = async () => (await withdrawn()) ?? this.options.expired?.(broadcast, this.now());
    const skip = known ? undefined : await stopped();
    if (known || skip) {
      const claimed = await claim();
      if (!claimed) return undefined;
      // Sent already, and only the outcome is missing from storage; or not to be sent.
      const outcome = known ?? { status: 'failed' as const, reason: skip, attempts: claimed.attempts };
      const written = await store.settle(
        { ...claimed, attempts: outcome.attempts },
        outcome.status,
        outcome.reason,
        this.now(),
      );
      this.unwritten.delete(rowKey(row));
      return written ? outcome.status : undefined;
    }
    let claimed: Delivery | undefined;
    const claimOnce = async () => (claimed ??= await claim()) !== undefined;
    const tried = await this.tryUntilSettled(row, broadcast, claimOnce, stopped);
    if (!tried || !claimed) return undefined;
    try {
      const settled = await store.settle(
        { ...claimed, attempts: tried.attempts, activityId: tried.activityId },
        tried.status,
        tried.reason,
        this.now(),
      );
      return settled ? tried.status : undefined;
    } catch (error) {
      this.unwritten.set(rowKey(row), tried);
      throw error;
    }
  }

  /** Tries a row until it is delivered, unreachable or out of tries; undefined when the claim was lost. */
  private async tryUntilSettled(
    row: Delivery,
    broadcast: Broadcast,
    claim: () => Promise<boolean>,
    stopped: () => Promise<string | undefined>,
  ): Promise<Outcome | undefined> {
    let attempts = row.attempts;
    for (;;) {
      const sent = await this.sendWithinLimits(row, broadcast, claim);
      if (!sent) return undefined;
      const { outcome, sentAt } = sent;
      attempts += 1;
      const throttled = !outcome.ok && outcome.status === 429;
      const tenantLimit = this.rate.heard({ conversationId: row.conversationId, sentAt, ok: outcome.ok, throttled });
      if (outcome.ok) return { status: 'delivered', reason: undefined, attempts, activityId: outcome.activityId };
      if (outcome.status !== undefined && UNREACHABLE.has(outcome.status)) {
        await this.options.markUnreachable(row.conversationId, broadcast);
        return { status: 'unreachable', reason: outcome.reason, attempts, activityId: undefined };
      }
      const retryable = outcome.status === undefined || RETRYABLE.has(outcome.status);
      // At least one try each time a row is taken up, however many an earlier run made.
      if (!retryable || attempts >= Math.max(this.maxAttempts, row.attempts + 1))
        return {
          status: 'failed',
          reason: retryable ? `${outcome.reason} after ${String(attempts)} attempts`.slice(0, 100) : outcome.reason,
          attempts,
          activityId: undefined,
        };
      const wait = (throttled && outcome.retryAfterMs) || this.backoff(attempts - row.attempts);
      if (tenantLimit) {
        this.rate.pause(wait);
        this.options.onSlowedDown?.(this.rate.rate, this.rate.decreases);
      }
      await sleep(wait);
      const reason = await stopped();
      if (reason) return { status: 'failed', reason, attempts, activityId: undefined };
    }
  }

  /** Exponential back-off with jitter: between half and all of `min × 2^(n-1)`, at most `max`. */
  private backoff(attempt: number): number {
    const full = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** Math.max(0, attempt - 1));
    return full / 2 + Math.random() * (full / 2);
  }

  /**
   * Within the conversation's 7 a second and the broadcast's rate, claims (first time) and sends:
   * the answer and when the request went out; undefined when the claim failed.
   */
  private async sendWithinLimits(
    target: BroadcastTarget,
    broadcast: Broadcast,
    claim: () => Promise<boolean>,
  ): Promise<{ outcome: SendOutcome; sentAt: number } | undefined> {
    const { conversationId } = target;
    let conversation = this.conversations.get(conversationId);
    if (!conversation) {
      conversation = new PQueue({ intervalCap: PER_CONVERSATION_PER_SECOND, interval: 1000, strict: true });
      this.conversations.set(conversationId, conversation);
    }
    const queue = conversation;
    try {
      return await queue.add(async () => {
        await this.rate.take();
        if (!(await claim())) return undefined;
        await this.rate.gate();
        const sentAt = this.rate.stamp();
        return { outcome: await this.options.send(target, broadcast), sentAt };
      });
    } finally {
      // Forget an idle conversation's queue, so thousands of chats do not pile up in memory.
      if (queue.size === 0 && queue.pending === 0) this.conversations.delete(conversationId);
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
