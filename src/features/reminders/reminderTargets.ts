import type { BroadcastTarget } from '../broadcast/broadcast.js';
import type { ConversationReferences } from '../conversations/conversationReferences.js';
import type { Subscriptions } from './subscriptions.js';

/**
 * Every conversation a reminder goes to now, with the reference to write to it: the active,
 * reachable subscriptions joined to the installs (one scan of each table, not a read per row).
 */
export async function* reminderTargets(
  subscriptions: Subscriptions,
  conversations: ConversationReferences,
): AsyncGenerator<BroadcastTarget> {
  const references = new Map<string, Record<string, unknown>>();
  for await (const conversation of conversations.list())
    references.set(conversation.conversationId, conversation.reference);
  for await (const subscription of subscriptions.active()) {
    const reference = references.get(subscription.conversationId);
    // A subscription without an install record cannot be written to (the record is made at install).
    if (reference) yield { conversationId: subscription.conversationId, kind: subscription.kind, reference };
  }
}
