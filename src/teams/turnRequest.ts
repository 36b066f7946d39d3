import { TurnContext } from 'botbuilder';
import type { ConversationKind } from '../features/conversations/conversationReferences.js';
import type { TurnRequest } from '../features/request.js';

const kinds: Readonly<Record<string, ConversationKind>> = {
  personal: 'personal',
  groupChat: 'groupChat',
  channel: 'channel',
};

/**
 * What a feature may know of a turn: who (the one place a person's id is decided), where, and
 * which message they acted on. Features never see the SDK's TurnContext.
 */
export function turnRequestOf(turn: TurnContext): TurnRequest {
  const { from, conversation, recipient, replyToId } = turn.activity;
  // Teams always sets the conversation type; other channels may not, whatever the SDK's types say.
  const { conversationType } = conversation as Partial<typeof conversation>;
  return {
    person: {
      id: from.aadObjectId ?? from.id,
      aadObjectId: from.aadObjectId,
      teamsId: from.id,
      name: from.name,
    },
    conversation: {
      id: conversation.id,
      kind: kinds[conversationType ?? 'personal'] ?? 'personal',
      reference: { ...TurnContext.getConversationReference(turn.activity) },
      botId: recipient.id,
    },
    replyToId,
  };
}
