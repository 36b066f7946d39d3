/**
 * How fast a broadcast sends, as Microsoft advises for proactive messages: a 429 on its own
 * delays only its message (the dispatcher waits its Retry-After); 429s arriving close together
 * from different conversations are taken as the tenant's limit: every send pauses for the
 * Retry-After and the rate drops (multiplicative decrease), then climbs back slowly (additive
 * increase) up to the configured rate.
 */
export interface SendRateOptions {
  /** The configured rate (BROADCAST_RPS): never exceeded. */
  ceiling: number;
  now?: () => number;
}

/** What the connector said to one send, as the rate hears it. */
export interface Heard {
  conversationId: string;
  /** When the request went out (from `stamp()`): answers to sends made before a decrease do not count again. */
  sentAt: number;
  ok: boolean;
  throttled: boolean;
}

/** 429s within this time, from this many conversations, and at least this share of the answers: the tenant's limit. */
const SIGNAL_WINDOW_MS = 2_000;
const SIGNAL_CONVERSATIONS = 3;
/**
 * Teams also throttles single requests for its own reasons: at 2% of 48 a second, three such
 * 429s fall within 2 s about a third of the time, and at a lowered rate a few of them are a
 * large share. A real limit refuses far more: every request over it, for as long as the rate is.
 */
const SIGNAL_SHARE = 0.2;
/** The new rate is this share of what got through in the second before the first 429 (or of the rate, if lower or not yet known). */
const DECREASE = 0.95;
/** Less than this share of the rate got through: the limit clipped it, and what got through is the limit. */
const CLIPPED = 0.9;
/** The least time between two sends, as a share of the beat. */
const SPACING = 0.5;
/** The signal counts only with at least half the rate's answers in its window (sending at speed). */
const AT_SPEED = 0.5;
/**
 * Sends a second gained each second after a decrease, while within reach of the limit last
 * heard: slowly, since going over it again costs a pause and the 429s that brought it.
 */
const NEAR_INCREASE = 0.02;
/** Past the limit last heard by this share, the limit has moved (the tenant's other apps are quiet): */
const NEAR = 1.05;
/** ...and the rate climbs faster, this many sends a second each second. */
const AWAY_INCREASE = 0.1;
/** How long answers are kept: the signal's window and the second before it, with room for slow answers. */
const KEPT_MS = SIGNAL_WINDOW_MS + 2_000;
/** Never slower than this, whatever the connector says. */
const FLOOR = 1;

interface Answer {
  at: number;
  sentAt: number;
  conversationId: string;
  ok: boolean;
  throttled: boolean;
}

export class SendRate {
  private readonly ceiling: number;
  private readonly now: () => number;
  /** The rate set at the last decrease, and when; it climbs from there. */
  private base: number;
  /** The tenant's limit as estimated at the last decrease. */
  private limitHeard: number;
  private decreasedAt = Number.NEGATIVE_INFINITY;
  private resumeAt = 0;
  /** When the next send may go, on the beat. */
  private nextAt = Number.NEGATIVE_INFINITY;
  /** When the sends of the last second went. */
  private sent: number[] = [];
  private readonly waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private answers: Answer[] = [];
  private firstSentAt = Number.POSITIVE_INFINITY;
  /** How often the tenant's limit was heard since start: in the log line of each decrease. */
  decreases = 0;

  constructor(options: SendRateOptions) {
    this.ceiling = options.ceiling;
    this.base = options.ceiling;
    this.limitHeard = options.ceiling;
    this.now = options.now ?? (() => performance.now());
  }

  /** A time on the rate's clock, for `Heard.sentAt`. */
  stamp(): number {
    return this.now();
  }

  /** Sends a second allowed now. */
  get rate(): number {
    const seconds = Math.max(0, this.now() - this.decreasedAt) / 1000;
    const near = Math.max(0, NEAR * this.limitHeard - this.base);
    const nearSeconds = near / NEAR_INCREASE;
    const climbed =
      seconds <= nearSeconds
        ? this.base + NEAR_INCREASE * seconds
        : this.base + near + AWAY_INCREASE * (seconds - nearSeconds);
    return Math.min(this.ceiling, climbed);
  }

  /** Resolves when the next send is due on the beat. */
  take(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.release();
    });
  }

  /**
   * The last step before a request goes out (after `take()` and whatever the caller does in
   * between, such as claiming the row): waits out a pause, and keeps to the rate in any one
   * second as Teams counts it, then counts this send.
   */
  async gate(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.sent = this.sent.filter((at) => at > now - 1000);
      const full = this.sent.length >= Math.max(1, Math.floor(this.rate));
      // Never closer than half a beat: sends held up together (storage slow to answer a claim)
      // go out spread, not as one burst that Teams would count against the limit.
      const spaced = (this.sent.at(-1) ?? Number.NEGATIVE_INFINITY) + (SPACING * 1000) / this.rate - now;
      const wait = Math.max(this.resumeAt - now, full ? (this.sent[0] ?? now) + 1000 - now : 0, spaced);
      if (wait <= 0) {
        this.sent.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Every send not yet out waits until `ms` from now. */
  pause(ms: number): void {
    this.resumeAt = Math.max(this.resumeAt, this.now() + Math.max(0, ms));
    this.release();
  }

  /**
   * Hears one answer. True when it completes the signal of the tenant's limit: the rate has
   * dropped and the caller pauses everything for the Retry-After.
   */
  heard(answer: Heard): boolean {
    const now = this.now();
    this.firstSentAt = Math.min(this.firstSentAt, answer.sentAt);
    this.answers.push({ at: now, ...answer });
    // The signal's window, and the second before it (by when requests went), in which what got
    // through is measured.
    this.answers = this.answers.filter((earlier) => earlier.at > now - KEPT_MS);
    // Sent before the last decrease: the limit was already heard; one decrease per signal.
    if (!answer.throttled || answer.sentAt <= this.decreasedAt) return false;
    const since = Math.max(this.decreasedAt, now - SIGNAL_WINDOW_MS);
    const recent = this.answers.filter((earlier) => earlier.at > since);
    const throttled = recent.filter((earlier) => earlier.throttled);
    const conversations = new Set(throttled.map((earlier) => earlier.conversationId)).size;
    if (conversations < SIGNAL_CONVERSATIONS || throttled.length < SIGNAL_SHARE * recent.length) return false;
    // Only while sending at speed (a second's worth of answers in the window): at the tail of a
    // broadcast, a few retries refused are a large share of nothing.
    if (recent.length < this.rate * (SIGNAL_WINDOW_MS / 1000) * AT_SPEED) return false;
    // What got through of the requests that went in the second before the first of these 429s
    // went (by when they went: Teams counts requests as they arrive, and answers come back
    // unevenly), once a whole second had been sent by then (since the start or the last
    // decrease); before that (a burst at the start) only the rate is known.
    const firstRefused = throttled[0]?.sentAt ?? now;
    const gotThrough = this.answers.filter(
      (earlier) =>
        earlier.ok &&
        earlier.sentAt > this.decreasedAt &&
        earlier.sentAt > firstRefused - 1000 &&
        earlier.sentAt <= firstRefused,
    ).length;
    const wholeSecond = firstRefused - Math.max(this.decreasedAt, this.firstSentAt) >= 1000;
    // Far less than the rate got through: the limit clipped it, and is what got through. Nearly
    // all: the rate had just reached the limit (climbing back), and the limit is about the rate.
    const rate = this.rate;
    const limit = wholeSecond && gotThrough < CLIPPED * rate ? gotThrough : rate;
    this.base = Math.max(FLOOR, DECREASE * limit);
    this.limitHeard = limit;
    this.decreasedAt = now;
    this.decreases += 1;
    return true;
  }

  /** Stops the timer so the process can exit; whoever waits is let go. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  /** Lets the waiting go one at a time on a steady beat at the current rate, kept in virtual time so that a late timer does not slow it. */
  private release(): void {
    if (this.timer) return;
    while (this.waiting.length > 0) {
      const now = this.now();
      const interval = 1000 / this.rate;
      // Idle, paused or far behind: the beat starts again from now, with no burst to catch up.
      if (now - this.nextAt > interval) this.nextAt = now;
      const wait = Math.max(this.resumeAt - now, this.nextAt - now);
      if (wait > 0) {
        this.wakeIn(wait);
        return;
      }
      this.nextAt += interval;
      this.waiting.shift()?.();
    }
  }

  private wakeIn(ms: number): void {
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.release();
      },
      Math.max(1, ms),
    );
    this.timer.unref();
  }
}
