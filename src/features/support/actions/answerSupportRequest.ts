import { z } from 'zod';
import { stripInvisible } from '../../../platform/cards/escapeCardText.js';
import { SUPPORT_ID_PATTERN, SUPPORT_TEXT_MAX } from '../supportScheme.js';
import { applySupportChange } from '../applySupportChange.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({
  requestId: z.string().regex(SUPPORT_ID_PATTERN),
  answer: z.string().optional().catch(undefined),
});

/** A lead answers an open question from the card: the person who asked gets it in their chat. */
export const answerSupportRequest: CardAction = {
  verb: VERBS.answerSupportRequest,
  async handle(action) {
    const parsed = data.safeParse(action.data);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "open questions" to see it again.');
    const text = stripInvisible(parsed.data.answer ?? '').trim();
    const lead = { id: action.request.person.id, name: action.request.person.name || 'A lead' };
    return applySupportChange(action, parsed.data.requestId, 'lead', () => {
      if (!text) return 'Write an answer before sending: press Answer again.';
      if (text.length > SUPPORT_TEXT_MAX)
        return `Keep the answer to ${SUPPORT_TEXT_MAX.toLocaleString('en-GB')} characters.`;
      return { kind: 'answer', lead, text };
    });
  },
};
