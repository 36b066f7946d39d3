import type { CardAction } from './cardAction.js';
import { showHelp } from './showHelp.js';

/** The one place card verbs are wired to their handlers. */
export const cardActions: ReadonlyMap<string, CardAction> = new Map(
  [showHelp].map((action) => [action.verb, action]),
);
