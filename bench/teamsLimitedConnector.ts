import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardsIn, readJson, reply } from '../test/support/fakeConnector.js';

/** Teams' limits for a bot (per app): requests a second in one tenant, and in one conversation. */
export const TENANT_PER_SECOND = 50;
export const CONVERSATION_PER_SECOND = 7;
const WINDOW_MS = 1000;
const RETRY_AFTER_SECONDS = 1;

/** How the connector answered one activity POST. */
export type Answer = 'accepted' | 'tenant429' | 'conversation429' | 'injected429' | 'injected503';

export type Card = Record<string, unknown>;

/** One activity the bot posted (a send or a reply) or updated, as the connector saw and answered it. */
export interface PostedActivity {
  /** POST: a new message; PUT: an update of one posted earlier. */
  method: 'POST' | 'PUT';
  conversationId: string;
  tenantId: string;
  /** The first Adaptive Card in it, if any. */
  card: Card | undefined;
  /** The card's first TextBlock text; '' when there is none. */
  title: string;
  /** performance.now() when it arrived. */
  at: number;
  answer: Answer;
}

export interface FaultOptions {
  /** The tenant's limit the connector enforces, requests a second (Teams: 50); it says nothing of it but 429s. */
  tenantPerSecond?: number;
  /** Share of requests within the limits answered 429 anyway (Teams' own throttling, which a bot cannot foresee). */
  injected429: number;
  /** Share answered 503. */
  injected503: number;
  /** For the PRNG that picks them, so a run can be repeated. */
  seed: number;
}

/** A period during which the connector told the bot to wait (a 429's Retry-After). */
export interface Wait {
  from: number;
  to: number;
}

interface Waiter {
  matches: (posted: PostedActivity) => boolean;
  resolve: (posted: PostedActivity) => void;
}

/**
 * Plays the Bot Framework connector with Teams' throttling for bench/broadcast.ts (posts and
 * updates alike): a sliding
 * one-second window per tenant (50, or a lower limit a scenario sets) and per conversation (7), where every activity POST counts,
 * refused or not; then seeded random 429s (Retry-After: 1) and 503s. Everything is accepted until
 * `enforce()`, so that setting up thousands of installs is not throttled.
 */
export class TeamsLimitedConnector {
  /** Every activity POST, in order of arrival. */
  readonly posted: PostedActivity[] = [];
  readonly waits: Wait[] = [];
  /** Calls other than activity POSTs and updates, which the bench does not expect. */
  readonly unexpected: string[] = [];
  private faults: FaultOptions | undefined;
  private random: () => number = Math.random;
  private readonly tenantWindows = new Map<string, number[]>();
  private readonly conversationWindows = new Map<string, number[]>();
  private waiters: Waiter[] = [];
  private server: Server | undefined;
  private baseUrl = '';

  get serviceUrl(): string {
    return this.baseUrl;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) =>
        reply(res, 400, { error: { code: 'BadRequest', message: String(error) } }),
      );
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${String(port)}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** From now on: limits enforced and faults injected. */
  enforce(faults: FaultOptions): void {
    this.faults = faults;
    this.random = mulberry32(faults.seed);
    this.tenantWindows.clear();
    this.conversationWindows.clear();
  }

  /** The first activity posted (now or later) that `matches`; rejects after `timeoutMs`. */
  nextPosted(matches: (posted: PostedActivity) => boolean, timeoutMs: number): Promise<PostedActivity> {
    const already = this.posted.find(matches);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        resolve: (posted) => {
          clearTimeout(timer);
          resolve(posted);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        reject(new Error(`no matching activity within ${String(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const method = req.method ?? 'GET';
    const parts = new URL(req.url ?? '/', 'http://localhost').pathname
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    // /v3/conversations/{conversationId}/activities[/{replyToId}]: a send, or a reply (proactive sends are replies too).
    const [, , conversationId, activities, activityId] = parts;
    if (conversationId === undefined || activities !== 'activities') {
      this.unexpected.push(`${method} ${parts.join('/')}`);
      return reply(res, 404, { error: { code: 'NotFound', message: 'not played by this bench' } });
    }
    if (method !== 'POST' && method !== 'PUT') {
      this.unexpected.push(`${method} ${parts.join('/')}`);
      return reply(res, 405, { error: { code: 'MethodNotAllowed', message: method } });
    }

    const at = performance.now();
    const tenantId = tenantOf(body);
    const posted: PostedActivity = {
      method,
      conversationId,
      tenantId,
      card: body && cardsIn(body)[0],
      title: '',
      at,
      answer: this.decide(tenantId, conversationId, at),
    };
    posted.title = titleOf(posted.card);
    this.posted.push(posted);
    this.notify(posted);

    switch (posted.answer) {
      case 'accepted':
        return reply(res, 200, { id: method === 'PUT' ? activityId : `activity-${randomUUID()}` });
      case 'injected503':
        return reply(res, 503, { error: { code: 'ServiceUnavailable', message: 'injected by the bench' } });
      default:
        this.waits.push({ from: at, to: at + RETRY_AFTER_SECONDS * 1000 });
        return reply(
          res,
          429,
          { error: { code: 'TooManyRequests', message: posted.answer } },
          { 'retry-after': String(RETRY_AFTER_SECONDS) },
        );
    }
  }

  /** Limits first (this request counts in both windows whatever the answer), then the dice. */
  private decide(tenantId: string, conversationId: string, at: number): Answer {
    const faults = this.faults;
    if (!faults) return 'accepted';
    const tenantBusy = countAndAdd(this.tenantWindows, tenantId, at) >= (faults.tenantPerSecond ?? TENANT_PER_SECOND);
    const conversationBusy = countAndAdd(this.conversationWindows, conversationId, at) >= CONVERSATION_PER_SECOND;
    if (tenantBusy) return 'tenant429';
    if (conversationBusy) return 'conversation429';
    const roll = this.random();
    if (roll < faults.injected429) return 'injected429';
    if (roll < faults.injected429 + faults.injected503) return 'injected503';
    return 'accepted';
  }

  private notify(posted: PostedActivity): void {
    const woken = this.waiters.filter((waiter) => waiter.matches(posted));
    if (woken.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => !woken.includes(waiter));
    for (const waiter of woken) waiter.resolve(posted);
  }
}

/** How many requests arrived in the window before `at`; then counts this one too. */
function countAndAdd(windows: Map<string, number[]>, key: string, at: number): number {
  const recent = (windows.get(key) ?? []).filter((time) => time > at - WINDOW_MS);
  const before = recent.length;
  recent.push(at);
  windows.set(key, recent);
  return before;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same run of numbers. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tenantOf(body: Record<string, unknown> | undefined): string {
  const conversation = body?.conversation as { tenantId?: unknown } | undefined;
  const channelData = body?.channelData as { tenant?: { id?: unknown } } | undefined;
  const id = conversation?.tenantId ?? channelData?.tenant?.id;
  return typeof id === 'string' ? id : 'unknown';
}

function titleOf(card: Card | undefined): string {
  const [first] = Array.isArray(card?.body) ? (card.body as { type?: unknown; text?: unknown }[]) : [];
  return first?.type === 'TextBlock' && typeof first.text === 'string' ? first.text : '';
}
