import { z } from 'zod';
import { INTENTS } from '../intents.js';
import { answerInConversation } from '../answerInConversation.js';
import { askedByButton } from '../answerQuestion.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({ intent: z.enum(INTENTS) });

/** A question button (help card, follow-ups under an answer): the answer arrives as a new message. */
export const askQuestion: CardAction = {
  verb: VERBS.askQuestion,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This button is out of date. Type help to start again.');
    const cards = await answerInConversation(deps, request, askedByButton(parsed.data.intent));
    return { kind: 'post', cards, text: 'Answered below.' };
  },
};
