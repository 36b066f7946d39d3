import { z } from 'zod';
import { REQUEST_ID_PATTERN } from '../buddyScheme.js';
import { applyDecision } from '../buddyDecision.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({
  requestId: z.string().regex(REQUEST_ID_PATTERN),
  mentor: z.string().regex(REQUEST_ID_PATTERN).optional().catch(undefined),
});

/** Pairs an approved request with the buddy the lead chose, when no buddy was free at approval. */
export const matchBuddyRequest: CardAction = {
  verb: VERBS.matchBuddyRequest,
  async handle(request) {
    const parsed = data.safeParse(request.data);
    if (!parsed.success)
      return refuse.badRequest('This card is out of date. Ask for "pending requests" to see it again.');
    return applyDecision(request, parsed.data.requestId, parsed.data.mentor, (mentor) =>
      mentor ? { kind: 'match', mentor } : 'Choose a buddy from the list first.',
    );
  },
};
