import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { errorSummary } from '../../platform/errorSummary.js';
import type { Broadcast } from '../broadcast/broadcast.js';
import type { SendOutcome, SendReminder } from '../broadcast/dispatcher.js';
import type { BotDeps } from '../botDeps.js';
import { leadChats } from '../leads/leadChats.js';
import { reminderCard, reportCard } from '../webinar/webinarCards.js';

type ReminderDeps = Pick<BotDeps, 'messenger' | 'directory' | 'webinarCalendarUrl'>;

/** Sends a broadcast's card to one conversation, one HTTP request per call, and says how it went. */
export function createReminderSender(deps: ReminderDeps): SendReminder {
  // One card per broadcast, made on its first send: every subscriber gets the same card.
  let current: { id: string; card: AdaptiveCardJson } | undefined;
  return async (target, broadcast) => {
    if (current?.id !== broadcast.id) current = { id: broadcast.id, card: reminderCard(deps, broadcast) };
    try {
      await deps.messenger.sendOnce(target.reference, current.card);
      return { ok: true };
    } catch (error) {
      return outcomeOf(error);
    }
  };
}

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

/** When a broadcast ends: each lead gets the report card, and the audit table gets the broadcast. */
export async function reportToLeads(
  deps: Pick<BotDeps, 'storage' | 'roles' | 'messenger' | 'directory' | 'logger'>,
  broadcast: Broadcast,
): Promise<void> {
  await deps.storage.audit.record({
    at: (broadcast.finishedAt ?? new Date()).toISOString(),
    actor: broadcast.requestedBy ?? 'scheduler',
    action: 'reminder.broadcast',
    subject: broadcast.id,
    related: broadcast.occurrenceId,
    detail: {
      delivered: String(broadcast.counts.delivered),
      unreachable: String(broadcast.counts.unreachable),
      failed: String(broadcast.counts.failed),
    },
  });
  const card = reportCard(deps, broadcast);
  for (const chat of await leadChats(deps)) {
    try {
      await deps.messenger.send(chat.reference, card);
    } catch (error) {
      deps.logger.warn(
        { broadcastId: broadcast.id, outcome: 'report_not_sent', error: errorSummary(error) },
        'reminder report',
      );
    }
  }
}
