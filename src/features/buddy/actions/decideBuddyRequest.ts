import { z } from 'zod';
import { REQUEST_ID_PATTERN } from '../buddyScheme.js';
import { applyDecision } from '../buddyDecision.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({
  requestId: z.string().regex(REQUEST_ID_PATTERN),
  decision: z.enum(['approve', 'decline']),
  mentor: z.string().regex(REQUEST_ID_PATTERN).optional().catch(undefined),
  reason: z.string().optional().catch(undefined),
});

const REASON_MAX = 300;

/** Approve (with a buddy, if one was chosen) or decline a pending request, from the lead's card. */
export const decideBuddyRequest: CardAction = {
  verb: VERBS.decideBuddyRequest,
  async handle(request) {
    const parsed = data.safeParse(request.data);
    if (!parsed.success) {
      return refuse.badRequest('This card is out of date. Ask for "pending requests" to see it again.');
    }
    const { requestId, decision, mentor, reason = '' } = parsed.data;
    const trimmed = reason.trim();
    return applyDecision(request, requestId, decision === 'approve' ? mentor : undefined, (chosen) => {
      if (decision === 'approve') return { kind: 'approve', mentor: chosen };
      if (!trimmed) return 'Give a reason for declining: the applicant will see it.';
      if (trimmed.length > REASON_MAX) return `Keep the reason to ${String(REASON_MAX)} characters.`;
      return { kind: 'decline', reason: trimmed };
    });
  },
};
