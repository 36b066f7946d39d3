import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../platform/cards/renderCard.js';

/** Sends one Adaptive Card as a new message in the turn's conversation; returns its activity id. */
export async function sendCard(turn: TurnContext, card: AdaptiveCardJson): Promise<string | undefined> {
  const response = await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  return response?.id;
}
