import { z } from 'zod';
import { stripInvisible } from '../../../platform/cards/escapeCardText.js';
import { CLOSE_REASON_MAX, SUPPORT_ID_PATTERN } from '../supportScheme.js';
import { applySupportChange } from '../applySupportChange.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({
  requestId: z.string().regex(SUPPORT_ID_PATTERN),
  reason: z.string().optional().catch(undefined),
});

/** A lead closes an open question without an answer, with a reason the person who asked sees. */
export const closeSupportRequest: CardAction = {
  verb: VERBS.closeSupportRequest,
  async handle(action) {
    const parsed = data.safeParse(action.data);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "open questions" to see it again.');
    const reason = stripInvisible(parsed.data.reason ?? '').trim();
    const lead = { id: action.request.person.id, name: action.request.person.name || 'A lead' };
    return applySupportChange(action, parsed.data.requestId, 'lead', () => {
      if (!reason) return 'Give a reason for closing without an answer: the person who asked sees it.';
      if (reason.length > CLOSE_REASON_MAX) return `Keep the reason to ${String(CLOSE_REASON_MAX)} characters.`;
      return { kind: 'close', lead, reason };
    });
  },
};
