/** What to do with one more message from a conversation. */
export type RateDecision = 'answer' | 'slowDown' | 'ignore';

/** Conversations tracked at once; beyond this, the one heard from least recently is forgotten. */
const MAX_TRACKED = 20_000;
const WINDOW_MS = 60_000;

/**
 * A per-conversation limit on incoming messages, in a sliding minute. The first message over the
 * limit is told to slow down; the rest are ignored until the minute has room again. Kept in memory
 * per instance: it protects this instance's work and storage, and needs no storage call itself.
 */
export class ConversationRateLimit {
  private readonly recent = new Map<string, { times: number[]; warned: boolean }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(conversationId: string): RateDecision {
    const now = this.now();
    const entry = this.recent.get(conversationId) ?? { times: [], warned: false };
    entry.times = entry.times.filter((time) => now - time < WINDOW_MS);
    if (entry.times.length < this.perMinute) {
      entry.times.push(now);
      entry.warned = false;
      this.remember(conversationId, entry);
      return 'answer';
    }
    const decision = entry.warned ? 'ignore' : 'slowDown';
    entry.warned = true;
    this.remember(conversationId, entry);
    return decision;
  }

  private remember(conversationId: string, entry: { times: number[]; warned: boolean }): void {
    this.recent.delete(conversationId);
    this.recent.set(conversationId, entry);
    if (this.recent.size <= MAX_TRACKED) return;
    // The least recently heard from go first: a Map keeps insertion order and each check re-inserts.
    const oldest = this.recent.keys().next().value;
    if (oldest !== undefined) this.recent.delete(oldest);
  }
}
