import { z } from 'zod';
import { askCard } from '../supportCards.js';
import { newSupportId, SUPPORT_TEXT_MAX } from '../supportScheme.js';
import { answerInConversation } from '../../questions/answerInConversation.js';
import { askedByButton } from '../../questions/answerQuestion.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({ question: z.string().max(SUPPORT_TEXT_MAX).optional() });

/**
 * "Ask the national lead about this" under a question the bot could not answer: the ask card with
 * the question in it. In a channel or group chat, the card that says to ask in a personal chat.
 */
export const askNationalLead: CardAction = {
  verb: VERBS.askNationalLead,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This button is out of date. Type "ask the national lead".');
    const cards =
      request.conversation.kind === 'personal'
        ? [askCard(newSupportId(), { question: parsed.data.question ?? '', topic: '' })]
        : await answerInConversation(deps, request, askedByButton('askLead'));
    return { kind: 'post', cards, text: 'See below.' };
  },
};
