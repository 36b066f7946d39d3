import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { errorSummary } from '../../platform/errorSummary.js';
import type { AuditEntry } from '../privacy/auditLog.js';
import type { BotDeps } from '../botDeps.js';
import type { StoredConversation } from '../conversations/conversationReferences.js';
import type { Broadcast } from './broadcast.js';

type ReportDeps = Pick<BotDeps, 'storage' | 'messenger' | 'logger'>;

/**
 * When a broadcast of any kind ends: the audit table gets it with its counts (who sent it, or the
 * scheduler), and its report card goes to each chat given. A report that cannot be sent is logged.
 */
export async function reportBroadcast(
  deps: ReportDeps,
  broadcast: Broadcast,
  report: {
    action: AuditEntry['action'];
    related: string | undefined;
    detail?: Record<string, string>;
    card: AdaptiveCardJson;
    chats: readonly StoredConversation[];
  },
): Promise<void> {
  const { delivered, unreachable, failed } = broadcast.counts;
  await deps.storage.audit.record({
    at: (broadcast.finishedAt ?? new Date()).toISOString(),
    actor: broadcast.requestedBy ?? 'scheduler',
    action: report.action,
    subject: broadcast.id,
    related: report.related,
    detail: {
      ...report.detail,
      delivered: String(delivered),
      unreachable: String(unreachable),
      failed: String(failed),
    },
  });
  for (const chat of report.chats) {
    try {
      await deps.messenger.send(chat.reference, report.card);
    } catch (error) {
      deps.logger.warn(
        { broadcastId: broadcast.id, kind: broadcast.kind, outcome: 'report_not_sent', error: errorSummary(error) },
        'broadcast report',
      );
    }
  }
}

/** The chat of the lead who sent it, or, if that is not known, the leads' chats. */
export async function senderOrLeads(
  deps: Pick<BotDeps, 'storage' | 'roles'>,
  requestedBy: string | undefined,
  leadChats: () => Promise<StoredConversation[]>,
): Promise<StoredConversation[]> {
  const sender = requestedBy ? await deps.storage.conversations.findPersonalChat(requestedBy) : undefined;
  return sender ? [sender] : leadChats();
}
