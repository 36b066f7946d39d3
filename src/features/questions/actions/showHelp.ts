import { helpCard } from '../botCards.js';
import { isLead } from '../../leads/isLead.js';
import { sendCard } from '../../../teams/sendCard.js';
import { VERBS } from '../../verbs.js';
import type { CardAction } from '../../cardAction.js';

/** "What can you do?" on the welcome card: the help card arrives as a new message; the welcome stays. */
export const showHelp: CardAction = {
  verb: VERBS.showHelp,
  async handle({ turn, deps, invoker }) {
    await sendCard(turn, helpCard(false, isLead(deps, invoker.aadObjectId)));
    return { kind: 'message', text: 'Here is what I can do.' };
  },
};
