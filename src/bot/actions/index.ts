import { askQuestion } from './askQuestion.js';
import type { CardAction } from './cardAction.js';
import { chooseOrganisation } from './chooseOrganisation.js';
import { saveOrganisation } from './saveOrganisation.js';
import { showHelp } from './showHelp.js';

/** The one place card verbs are wired to their handlers. */
export const cardActions: ReadonlyMap<string, CardAction> = new Map(
  [showHelp, askQuestion, chooseOrganisation, saveOrganisation].map((action) => [action.verb, action]),
);
