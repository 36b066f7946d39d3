import { eraseConfirmCard, eraseMyData as erase } from '../myData.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

/** "Delete my data" confirmed: erases the person who clicked (from the channel's ids, never the card's). */
export const eraseMyData: CardAction = {
  verb: VERBS.eraseMyData,
  async handle({ request, deps }) {
    if (request.conversation.kind !== 'personal') {
      return refuse.forbidden('Ask for this in your personal chat with the bot.');
    }
    const erasure = await erase(deps, request.person);
    const told = erasure.partnersTold > 0 ? ' Your buddy has been told only that the pairing has ended.' : '';
    return {
      kind: 'card',
      card: eraseConfirmCard(
        `Everything the bot held about you has been erased.${told} If you write to the bot again it keeps only what it needs to answer; type "start reminders" to get webinar reminders again.`,
      ),
    };
  },
};
