import { z } from 'zod';
import { stripInvisible } from '../../../platform/cards/escapeCardText.js';
import { SUPPORT_ID_PATTERN, SUPPORT_TEXT_MAX } from '../supportScheme.js';
import { applySupportChange } from '../applySupportChange.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({
  requestId: z.string().regex(SUPPORT_ID_PATTERN),
  followUp: z.string().optional().catch(undefined),
});

/** "I still need help": the person's follow-up reopens the question and goes back to every lead. */
export const reopenSupportRequest: CardAction = {
  verb: VERBS.reopenSupportRequest,
  async handle(action) {
    const parsed = data.safeParse(action.data);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "my questions" to see it again.');
    const text = stripInvisible(parsed.data.followUp ?? '').trim();
    const asker = { id: action.request.person.id, name: action.request.person.name || 'The person who asked' };
    return applySupportChange(action, parsed.data.requestId, 'asker', () => {
      if (!text) return 'Say what you still need: press "I still need help" again.';
      if (text.length > SUPPORT_TEXT_MAX) return `Keep it to ${SUPPORT_TEXT_MAX.toLocaleString('en-GB')} characters.`;
      return { kind: 'reopen', asker, text };
    });
  },
};
