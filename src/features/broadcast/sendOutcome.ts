import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { Messenger } from '../messenger.js';
import type { Broadcast, BroadcastTarget } from './broadcast.js';
import type { SendOutcome } from './dispatcher.js';

/** The connector's refusal as the dispatcher reads it: a status, a Retry-After, a short reason. */
export function outcomeOf(error: unknown): SendOutcome {
  const { statusCode, code, response } = (error ?? {}) as {
    statusCode?: unknown;
    code?: unknown;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const status = typeof statusCode === 'number' ? statusCode : undefined;
  return {
    ok: false,
    status,
    retryAfterMs: retryAfterMs(response?.headers?.get?.('retry-after')),
    reason:
      status !== undefined ? `http_${String(status)}` : typeof code === 'string' ? code.slice(0, 40) : 'network_error',
  };
}

/** Retry-After is seconds or an HTTP date. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Math.min(Number(header) * 1000, 300_000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - Date.now()), 300_000);
}

/**
 * Sends a broadcast's card to one conversation, one HTTP request per call, and says how it went.
 * One card per broadcast, made on its first send: every recipient gets the same card.
 */
export function postingCard<B extends Broadcast>(
  messenger: Pick<Messenger, 'sendOnce'>,
  cardOf: (broadcast: B) => AdaptiveCardJson,
): (target: BroadcastTarget, broadcast: B) => Promise<SendOutcome> {
  let current: { id: string; card: AdaptiveCardJson } | undefined;
  return async (target, broadcast) => {
    if (current?.id !== broadcast.id) current = { id: broadcast.id, card: cardOf(broadcast) };
    try {
      return { ok: true, activityId: await messenger.sendOnce(target.reference, current.card) };
    } catch (error) {
      return outcomeOf(error);
    }
  };
}
