import { helpCard } from '../botCards.js';
import { VERBS } from '../../verbs.js';
import type { CardAction } from '../../cardAction.js';

/** "What can you do?" on the welcome card: the help card arrives as a new message; the welcome stays. */
export const showHelp: CardAction = {
  verb: VERBS.showHelp,
  async handle({ request, deps }) {
    const cards = [helpCard('asked', await deps.roles.showsAsLead(request.person.aadObjectId))];
    return { kind: 'post', cards, text: 'Here is what I can do.' };
  },
};
