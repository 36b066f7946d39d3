import { z } from 'zod';
import { SUPPORT_ID_PATTERN } from '../supportScheme.js';
import { applySupportChange } from '../applySupportChange.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({ requestId: z.string().regex(SUPPORT_ID_PATTERN) });

/** "That answers it": the person who asked closes their answered question. */
export const resolveSupportRequest: CardAction = {
  verb: VERBS.resolveSupportRequest,
  async handle(action) {
    const parsed = data.safeParse(action.data);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "my questions" to see it again.');
    const asker = { id: action.request.person.id, name: action.request.person.name || 'The person who asked' };
    return applySupportChange(action, parsed.data.requestId, 'asker', () => ({ kind: 'resolve', asker }));
  },
};
