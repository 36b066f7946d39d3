import { z } from 'zod';
import { decide, type Decision } from '../../buddy/decisions.js';
import { requestCardFor, refreshLeadCopies, introduce, tellApplicant } from '../buddyNotices.js';
import { formatTime } from '../buddyCards.js';
import { isLead } from '../isLead.js';
import { VERBS } from '../verbs.js';
import type { CardAction } from './cardAction.js';

const data = z.object({
  requestId: z.string().min(1).max(300),
  decision: z.enum(['approve', 'decline']),
  mentor: z.string().max(300).optional().catch(undefined),
  reason: z.string().optional().catch(undefined),
});

const REASON_MAX = 300;

/**
 * A lead approves (optionally with a buddy) or declines. Only a lead may, by Entra object id.
 * The applicant and mentor are written together, each on the ETag that was read, so two leads
 * clicking at once, or one clicking twice, make one decision; the other sees who decided.
 */
export const decideBuddyRequest: CardAction = {
  verb: VERBS.decideBuddyRequest,
  async handle({ turn, deps, data: raw, invoker }) {
    if (!isLead(deps, invoker.aadObjectId)) {
      deps.logger.warn({ outcome: 'forbidden', verb: VERBS.decideBuddyRequest }, 'buddy decision refused');
      return { kind: 'error', status: 403, code: 'Forbidden', message: 'Only the national MSO network lead can decide buddy requests.' };
    }
    const parsed = data.safeParse(raw);
    if (!parsed.success) return { kind: 'error', status: 400, code: 'BadRequest', message: 'This card is out of date. Ask for "pending requests" to see it again.' };
    const { requestId, mentor: mentorId, reason } = parsed.data;
    const { buddyRequests, audit } = deps.storage;

    const stored = await buddyRequests.get(requestId);
    if (!stored) return { kind: 'error', status: 404, code: 'NotFound', message: 'That request no longer exists.' };
    const again = async (message: string) => ({ kind: 'card' as const, card: await requestCardFor(deps, stored.request, 'lead', message) });

    const trimmedReason = reason?.trim() ?? '';
    if (parsed.data.decision === 'decline' && !trimmedReason) return again('Give a reason for declining: the applicant will see it.');
    if (trimmedReason.length > REASON_MAX) return again(`Keep the reason to ${String(REASON_MAX)} characters.`);
    const mentorStored = mentorId && parsed.data.decision === 'approve' ? await buddyRequests.get(mentorId) : undefined;
    if (mentorId && parsed.data.decision === 'approve' && !mentorStored) return again('That buddy is no longer in the scheme. Choose another.');

    const decision: Decision = parsed.data.decision === 'decline' ? { kind: 'decline', reason: trimmedReason } : { kind: 'approve', mentor: mentorStored?.request };
    const lead = { id: invoker.aadObjectId ?? invoker.id, name: turn.activity.from.name || 'A lead' };
    const outcome = decide(stored.request, decision, lead, new Date());
    if (outcome.kind === 'refused') return again(outcome.message);
    if (outcome.kind === 'alreadyDecided') return alreadyDecided(deps, requestId);

    const changes = [{ request: outcome.request, etag: stored.etag, cardCopies: stored.cardCopies }];
    if (outcome.mentor && mentorStored) changes.push({ request: outcome.mentor, etag: mentorStored.etag, cardCopies: mentorStored.cardCopies });
    if (!(await buddyRequests.replaceTogether(changes))) return alreadyDecided(deps, requestId);

    const at = outcome.request.updatedAt;
    const action = outcome.request.status === 'declined' ? 'buddy.decline' : outcome.request.status === 'matched' ? 'buddy.match' : 'buddy.approve';
    await audit.record({ at, actor: lead.id, action, subject: requestId, related: outcome.mentor?.id });
    deps.logger.info({ requestId, outcome: outcome.request.status, mentor: outcome.mentor?.id ?? null }, 'buddy decision');

    const invokedCopy = turn.activity.replyToId;
    await refreshLeadCopies(deps, outcome.request, stored.cardCopies.filter((copy) => copy.activityId !== invokedCopy));
    if (stored.request.status === 'pending') await tellApplicant(deps, outcome.request);
    if (outcome.mentor) await introduce(deps, outcome.request, outcome.mentor);
    return { kind: 'card', card: await requestCardFor(deps, outcome.request, 'lead') };
  },
};

/** The other click lost: show who decided, and when. */
async function alreadyDecided(deps: Parameters<CardAction['handle']>[0]['deps'], requestId: string) {
  const current = await deps.storage.buddyRequests.get(requestId);
  if (!current) return { kind: 'error' as const, status: 404 as const, code: 'NotFound', message: 'That request no longer exists.' };
  const { decision, status } = current.request;
  const message = decision ? `Already ${status === 'declined' ? 'declined' : 'approved'} by ${decision.byName} at ${formatTime(decision.at)}.` : `This request is ${status}.`;
  return { kind: 'card' as const, card: await requestCardFor(deps, current.request, 'lead', message) };
}
