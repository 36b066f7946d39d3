import { z } from 'zod';
import { escapeCardText, stripInvisible } from '../../../platform/cards/escapeCardText.js';
import { checkAnswer } from '../../answers/answerForm.js';
import { newAnswerId } from '../../answers/answersCards.js';
import { teach } from '../../answers/teach.js';
import { SUPPORT_ID_PATTERN, SUPPORT_TEXT_MAX } from '../supportScheme.js';
import { applySupportChange } from '../applySupportChange.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({
  requestId: z.string().regex(SUPPORT_ID_PATTERN),
  answer: z.string().optional().catch(undefined),
  teach: z.string().optional().catch(undefined),
  teachTitle: z.string().optional().catch(undefined),
});

/**
 * A lead answers an open question from the card: the person who asked gets it in their chat.
 * Ticked *Add to the bot's answers*, the answer (with its title) becomes a taught answer too.
 */
export const answerSupportRequest: CardAction = {
  verb: VERBS.answerSupportRequest,
  async handle(action) {
    const parsed = data.safeParse(action.data);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "open questions" to see it again.');
    const text = stripInvisible(parsed.data.answer ?? '').trim();
    const { person } = action.request;
    const lead = { id: person.id, name: person.name || 'A lead' };
    const teaching = parsed.data.teach === 'true';
    const checked = checkAnswer({
      title: parsed.data.teachTitle ?? '',
      text,
      examples: '',
      links: [],
    });
    return applySupportChange(
      action,
      parsed.data.requestId,
      'lead',
      () => {
        if (!text) return 'Write an answer before sending: press Answer again.';
        if (text.length > SUPPORT_TEXT_MAX)
          return `Keep the answer to ${SUPPORT_TEXT_MAX.toLocaleString('en-GB')} characters.`;
        if (teaching && !checked.ok)
          return `To add it to the bot's answers: ${Object.values(checked.errors).join(' ')} Nothing was sent: press Answer again.`;
        return { kind: 'answer', lead, text };
      },
      async () => {
        if (!teaching || !checked.ok) return '';
        const taught = await teach(action.deps, person, newAnswerId(), undefined, checked.answer);
        return taught
          ? `It is now one of the bot's answers, “${escapeCardText(taught.title, 80)}”: type "answers" to add ways MSOs might ask.`
          : '';
      },
    );
  },
};
