import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationKind, ConversationRecord } from '../features/conversations/conversationReferences.js';

const kinds: Readonly<Record<string, ConversationKind>> = {
  personal: 'personal',
  groupChat: 'groupChat',
  channel: 'channel',
};

/** Personal, group chat or channel; Teams always says, other channels may not (whatever the SDK's types say). */
export function conversationKindOf(conversation: Activity['conversation']): ConversationKind {
  const { conversationType } = conversation as Partial<typeof conversation>;
  return kinds[conversationType ?? 'personal'] ?? 'personal';
}

/** What the bot keeps about a conversation so it can write there later (reminders, approvals). */
export function conversationRecordFrom(activity: Partial<Activity>, now: Date = new Date()): ConversationRecord {
  const conversation = activity.conversation;
  if (!conversation) throw new Error('activity has no conversation');
  const kind = conversationKindOf(conversation);
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const { user, ...shared } = TurnContext.getConversationReference(activity);
  return {
    conversationId: conversation.id,
    kind,
    tenantId: channelData?.tenant?.id ?? conversation.tenantId,
    userAadObjectId: kind === 'personal' ? activity.from?.aadObjectId : undefined,
    // A channel or group chat is not about the person who happened to write: keep them out of its record.
    reference: kind === 'personal' ? { ...shared, user } : { ...shared },
    installedAt: now.toISOString(),
  };
}
