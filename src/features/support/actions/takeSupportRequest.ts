import { z } from 'zod';
import { SUPPORT_ID_PATTERN } from '../supportScheme.js';
import { applySupportChange } from '../applySupportChange.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({ requestId: z.string().regex(SUPPORT_ID_PATTERN) });

/** A lead takes an open question: the other leads' cards show who has it. */
export const takeSupportRequest: CardAction = {
  verb: VERBS.takeSupportRequest,
  async handle(action) {
    const parsed = data.safeParse(action.data);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "open questions" to see it again.');
    const lead = { id: action.request.person.id, name: action.request.person.name || 'A lead' };
    return applySupportChange(action, parsed.data.requestId, 'lead', () => ({ kind: 'take', lead }));
  },
};
