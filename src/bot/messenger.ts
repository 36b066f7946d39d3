import { CardFactory, MessageFactory, type CloudAdapter } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/renderCard.js';
import type { ConversationReferenceJson } from '../storage/conversationReferences.js';

/** Writes to conversations outside a turn: approval cards to leads, decisions and introductions. */
export interface Messenger {
  /** Posts a card in the conversation; returns the new activity's id. */
  send(reference: ConversationReferenceJson, card: AdaptiveCardJson): Promise<string | undefined>;
  /** Replaces a card the bot posted earlier. */
  update(reference: ConversationReferenceJson, activityId: string, card: AdaptiveCardJson): Promise<void>;
}

export function createMessenger(adapter: CloudAdapter, appId: string | undefined): Messenger {
  const within = async (reference: ConversationReferenceJson, work: Parameters<CloudAdapter['continueConversationAsync']>[2]) =>
    adapter.continueConversationAsync(appId ?? '', reference, work);
  return {
    async send(reference, card) {
      let id: string | undefined;
      await within(reference, async (turn) => {
        id = (await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id;
      });
      return id;
    },
    async update(reference, activityId, card) {
      await within(reference, async (turn) => {
        await turn.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId });
      });
    },
  };
}
