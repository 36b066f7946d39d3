import type { TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../platform/cards/renderCard.js';
import type { BotDeps } from './botDeps.js';
import type { Verb } from './verbs.js';

/** What a card action handler answers; the dispatcher turns it into the invoke response. */
export type CardActionResult =
  | { kind: 'card'; card: AdaptiveCardJson }
  | { kind: 'message'; text: string }
  | { kind: 'error'; status: 400 | 403 | 404 | 409; code: string; message: string };

export interface CardActionRequest {
  turn: TurnContext;
  deps: BotDeps;
  /** The card's data with the user's inputs merged in; untrusted, each handler parses it. */
  data: Readonly<Record<string, unknown>>;
  /** Who clicked, as the channel says (never as the card says). */
  invoker: { id: string; aadObjectId: string | undefined };
}

export interface CardAction {
  verb: Verb;
  handle(request: CardActionRequest): Promise<CardActionResult>;
}
