import type { AdaptiveCardJson } from '../platform/cards/renderCard.js';
import type { BotDeps } from './botDeps.js';
import type { TurnRequest } from './request.js';
import type { Verb } from './verbs.js';

/** What a card action handler answers; the edge (src/teams) turns it into the invoke response. */
export type CardActionResult =
  /** Replaces the card that was clicked. */
  | { kind: 'card'; card: AdaptiveCardJson }
  /** Leaves the card as it is and shows this text. */
  | { kind: 'message'; text: string }
  /** Posts these cards as new messages in the conversation, then shows the text. */
  | { kind: 'post'; cards: AdaptiveCardJson[]; text: string }
  | { kind: 'error'; status: 400 | 403 | 404 | 409; code: string; message: string };

export interface CardActionRequest {
  /** Who clicked, where, and on which message: from the channel, never from the card. */
  request: TurnRequest;
  deps: BotDeps;
  /** The card's data with the user's inputs merged in; untrusted, each handler parses it. */
  data: Readonly<Record<string, unknown>>;
}

export interface CardAction {
  verb: Verb;
  handle(request: CardActionRequest): Promise<CardActionResult>;
}

/** The refusals a card action gives, each with the message the person sees on the card. */
export const refuse = {
  /** The card's data is not what this verb takes (an old card, or a forged one). */
  badRequest: (message: string): CardActionResult => ({ kind: 'error', status: 400, code: 'BadRequest', message }),
  forbidden: (message: string): CardActionResult => ({ kind: 'error', status: 403, code: 'Forbidden', message }),
  notFound: (message: string): CardActionResult => ({ kind: 'error', status: 404, code: 'NotFound', message }),
};
