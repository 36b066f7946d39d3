import type { AdaptiveCardJson } from '../platform/cards/renderCard.js';
import type { ConversationReferenceJson } from './conversations/conversationReferences.js';

/** Writes to conversations outside a turn: approval cards to leads, decisions and introductions. */
export interface Messenger {
  /** Posts a card in the conversation; returns the new activity's id. */
  send(reference: ConversationReferenceJson, card: AdaptiveCardJson): Promise<string | undefined>;
  /** Replaces a card the bot posted earlier. */
  update(reference: ConversationReferenceJson, activityId: string, card: AdaptiveCardJson): Promise<void>;
  /**
   * Posts a card with one HTTP request and no retries of the SDK's own: the broadcast dispatcher
   * decides about retries itself, within Teams' limits. Returns the new activity's id; throws the
   * connector's error.
   */
  sendOnce(reference: ConversationReferenceJson, card: AdaptiveCardJson): Promise<string | undefined>;
  /** Replaces a card the bot posted earlier, like `sendOnce`: one request, the connector's error thrown. */
  updateOnce(reference: ConversationReferenceJson, activityId: string, card: AdaptiveCardJson): Promise<void>;
  /**
   * The work email Teams holds for the person of a personal chat (their email, else their sign-in
   * name), from the roster; undefined when Teams gives none.
   */
  memberEmail(reference: ConversationReferenceJson): Promise<string | undefined>;
}
