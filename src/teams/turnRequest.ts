import { TurnContext } from 'botbuilder';
import type { TurnRequest } from '../features/request.js';
import { conversationKindOf } from './conversationRecord.js';

/**
 * What a feature may know of a turn: who (the one place a person's id is decided), where, and
 * which message they acted on. Features never see the SDK's TurnContext.
 */
export function turnRequestOf(turn: TurnContext): TurnRequest {
  const { from, conversation, recipient, replyToId } = turn.activity;
  return {
    person: {
      id: from.aadObjectId ?? from.id,
      aadObjectId: from.aadObjectId,
      teamsId: from.id,
      name: from.name,
    },
    conversation: {
      id: conversation.id,
      kind: conversationKindOf(conversation),
      reference: { ...TurnContext.getConversationReference(turn.activity) },
      botId: recipient.id,
    },
    replyToId,
  };
}
