import { formatFullUkDateTime } from '../../platform/ukDateTime.js';
import type { BuddyRequest } from './buddyScheme.js';
import { decide, type Decision } from './decisions.js';
import { settle } from '../../platform/settle.js';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { refuse, type CardActionRequest, type CardActionResult } from '../cardAction.js';
import { introduce, refreshCardCopies, requestCardFor, tellApplicant } from './buddyNotices.js';
import { isLead } from '../leads/isLead.js';
import { offerFreedMentor } from './mentorFreed.js';

const ATTEMPTS = 3;

/**
 * A lead's decision on a request, shared by the approve/decline and match verbs. Only a lead may
 * decide, by Entra object id. The applicant and mentor are written together, each on the ETag
 * that was read; when a write loses to another change, the rows are read again: a decision made
 * meanwhile wins ("already approved by X at T"), anything else (a card copy recorded, the mentor
 * changed) is decided again on the fresh rows.
 */
export async function applyDecision(
  { request: turn, deps }: CardActionRequest,
  requestId: string,
  mentorId: string | undefined,
  makeDecision: (mentor: BuddyRequest | undefined) => Decision | string,
): Promise<CardActionResult> {
  if (!(await isLead(deps, turn.person.aadObjectId))) {
    deps.logger.warn({ outcome: 'forbidden', requestId }, 'buddy decision refused');
    return refuse.forbidden('Only the national MSO network lead can decide buddy requests.');
  }
  const { buddyRequests, audit } = deps.storage;
  const lead = { id: turn.person.id, name: turn.person.name || 'A lead' };

  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const stored = await buddyRequests.get(requestId);
    if (!stored) return refuse.notFound('That request no longer exists.');
    const again = async (message: string) => ({
      kind: 'card' as const,
      card: await requestCardFor(deps, stored.request, 'lead', message),
    });
    const mentorStored = mentorId ? await buddyRequests.get(mentorId) : undefined;
    if (mentorId && !mentorStored) return again('That buddy is no longer in the scheme. Choose another.');

    const decision = makeDecision(mentorStored?.request);
    if (typeof decision === 'string') return again(decision);
    const outcome = decide(stored.request, decision, lead, new Date());
    if (outcome.kind === 'refused') return again(outcome.message);
    if (outcome.kind === 'alreadyDecided') return alreadyDecided(deps, stored.request);

    const changes = [{ request: outcome.request, etag: stored.etag, cardCopies: stored.cardCopies }];
    if (outcome.mentor && mentorStored)
      changes.push({ request: outcome.mentor, etag: mentorStored.etag, cardCopies: mentorStored.cardCopies });
    if (!(await buddyRequests.replaceTogether(changes))) continue;

    const { request, mentor } = outcome;
    const action =
      request.status === 'declined' ? 'buddy.decline' : request.status === 'matched' ? 'buddy.match' : 'buddy.approve';
    // The decision is stored: what follows must not turn it into an error for the lead.
    await settle(deps.logger, { requestId }, 'buddy decision', async () => {
      await audit.record({
        at: request.updatedAt,
        actor: lead.id,
        action,
        subject: requestId,
        related: mentor?.id,
        // The status decided from, so the log can say "approved … and matched" apart from a later match.
        detail: { from: stored.request.status },
      });
    });
    deps.logger.info({ requestId, outcome: request.status, mentor: mentor?.id ?? null }, 'buddy decision');
    const invokedCopy = turn.replyToId;
    await settle(deps.logger, { requestId }, 'buddy decision', () =>
      refreshCardCopies(
        deps,
        request,
        stored.cardCopies.filter((copy) => copy.activityId !== invokedCopy),
      ),
    );
    if (stored.request.status === 'pending')
      await settle(deps.logger, { requestId }, 'buddy decision', () => tellApplicant(deps, request));
    if (mentor) await settle(deps.logger, { requestId }, 'buddy decision', () => introduce(deps, request, mentor));
    // A mentor newly approved has room: whoever waits is offered to the leads.
    if (request.wayIn === 'mentor' && request.status === 'approved' && stored.request.status === 'pending')
      await settle(deps.logger, { requestId }, 'buddy decision', () => offerFreedMentor(deps, request));
    return { kind: 'card', card: await requestCardFor(deps, request, 'lead') };
  }
  const current = await buddyRequests.get(requestId);
  const message = 'The request kept changing while it was being decided. Here it is as it stands: try again.';
  return current
    ? { kind: 'card', card: await requestCardFor(deps, current.request, 'lead', message) }
    : refuse.notFound('That request no longer exists.');
}

/** The other click lost: show who decided, and when. */
async function alreadyDecided(deps: CardActionRequest['deps'], request: BuddyRequest): Promise<CardActionResult> {
  const { decision, status } = request;
  const verb = status === 'declined' ? 'declined' : status === 'withdrawn' ? 'withdrawn' : 'approved';
  const message = decision
    ? `Already ${verb} by ${escapeCardText(decision.byName, 80)} at ${formatFullUkDateTime(decision.at)}.`
    : `This request is ${status}.`;
  return { kind: 'card', card: await requestCardFor(deps, request, 'lead', message) };
}
