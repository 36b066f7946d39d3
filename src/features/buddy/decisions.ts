import { wantsBuddy, type BuddyRequest } from './buddyScheme.js';
import { canMentor } from './matching.js';
import { currentPairing, startPairing, withCurrentPairing, type EndedBy } from './pairings.js';

export interface Lead {
  id: string;
  name: string;
}

/** Approve or decline a pending request (approve may pair at once); match an approved one later. */
export type Decision =
  | { kind: 'approve'; mentor: BuddyRequest | undefined }
  | { kind: 'decline'; reason: string }
  | { kind: 'match'; mentor: BuddyRequest };

export type DecisionOutcome =
  | { kind: 'decided'; request: BuddyRequest; mentor: BuddyRequest | undefined }
  | { kind: 'alreadyDecided'; request: BuddyRequest }
  | { kind: 'refused'; message: string };

/**
 * The buddy request state machine: pending -> approved -> matched, or declined, or withdrawn.
 * Pure: the caller stores the result with the ETags it read, so a lost race becomes "already decided".
 */
export function decide(request: BuddyRequest, decision: Decision, lead: Lead, now: Date): DecisionOutcome {
  const stamp = { by: lead.id, byName: lead.name, at: now.toISOString() };
  const allowed =
    decision.kind === 'match' ? request.status === 'approved' && wantsBuddy(request) : request.status === 'pending';
  if (!allowed) return { kind: 'alreadyDecided', request };

  if (decision.kind === 'decline') {
    return {
      kind: 'decided',
      request: { ...request, status: 'declined', updatedAt: stamp.at, decision: { ...stamp, reason: decision.reason } },
      mentor: undefined,
    };
  }
  const { mentor } = decision;
  if (!mentor) {
    return {
      kind: 'decided',
      request: {
        ...request,
        status: 'approved',
        updatedAt: stamp.at,
        decision: { ...stamp, reason: undefined },
        ...(wantsBuddy(request) ? { waitingSince: stamp.at } : {}),
      },
      mentor: undefined,
    };
  }
  if (!wantsBuddy(request)) return { kind: 'refused', message: 'A mentor is not matched with another mentor.' };
  if (!canMentor(request, mentor))
    return { kind: 'refused', message: `${mentor.name} can no longer take a buddy. Choose another.` };
  const capacityLeft = mentor.capacityLeft - 1;
  return {
    kind: 'decided',
    request: startPairing(
      {
        ...request,
        status: 'matched',
        updatedAt: stamp.at,
        decision: request.decision ?? { ...stamp, reason: undefined },
        pairedWith: [...request.pairedWith, mentor.id],
        waitingSince: undefined,
      },
      mentor.id,
      stamp.at,
    ),
    mentor: {
      ...mentor,
      capacityLeft,
      status: capacityLeft > 0 ? 'approved' : 'matched',
      updatedAt: stamp.at,
      pairedWith: [...mentor.pairedWith, request.id],
    },
  };
}

/** The person withdraws their own request while it is still pending or approved. */
export function withdraw(request: BuddyRequest, now: Date): BuddyRequest | undefined {
  if (request.status !== 'pending' && request.status !== 'approved') return undefined;
  return { ...request, status: 'withdrawn', updatedAt: now.toISOString() };
}

/**
 * Ends the mentee's current pairing (either person or a lead, with a reason): the mentee's
 * request is `ended` until they ask for a new buddy, and the mentor gets the place back. Both
 * remember the pair, so it is never suggested again. Undefined when there is no current pairing
 * with this mentor. Pure: the caller stores both over the ETags it read.
 */
export function endPairing(
  mentee: BuddyRequest,
  mentor: BuddyRequest,
  ending: { by: EndedBy; actorId: string; reason: string },
  now: Date,
): { mentee: BuddyRequest; mentor: BuddyRequest } | undefined {
  if (currentPairing(mentee)?.mentorRequestId !== mentor.id) return undefined;
  const at = now.toISOString();
  return {
    mentee: {
      ...withCurrentPairing(mentee, (pairing) => ({ ...pairing, ended: { ...ending, at } })),
      status: 'ended',
      updatedAt: at,
    },
    mentor: {
      ...mentor,
      capacityLeft: Math.min(mentor.capacity ?? 0, mentor.capacityLeft + 1),
      status: mentor.status === 'matched' ? 'approved' : mentor.status,
      updatedAt: at,
    },
  };
}

/** A mentee whose pairing ended asks for a new buddy: approved again, at the back of the queue. */
export function askForNewBuddy(mentee: BuddyRequest, now: Date): BuddyRequest | undefined {
  if (mentee.status !== 'ended') return undefined;
  const at = now.toISOString();
  return { ...mentee, status: 'approved', waitingSince: at, updatedAt: at };
}

/** A mentor pauses or resumes mentoring; undefined when that changes nothing. */
export function pauseMentoring(mentor: BuddyRequest, paused: boolean, now: Date): BuddyRequest | undefined {
  if (mentor.wayIn !== 'mentor' || (mentor.paused ?? false) === paused) return undefined;
  if (mentor.status !== 'approved' && mentor.status !== 'matched') return undefined;
  return { ...mentor, paused, updatedAt: now.toISOString() };
}

/** Buddies a mentor already has: their capacity less the places left. */
function activePairs(request: BuddyRequest): number {
  return request.capacity === undefined ? 0 : Math.max(0, request.capacity - request.capacityLeft);
}

/** What a sign-up does to the person's earlier request the same way in. */
export type Resubmission =
  { kind: 'alreadyDecided'; request: BuddyRequest } | { kind: 'new' | 'updated' | 'again'; request: BuddyRequest };

/**
 * A sign-up from someone who may have signed up this way before. Approved or matched: it stays
 * as it is. Pending: updated in place, keeping when it was made. Declined or withdrawn (or none):
 * a new pending request under the same id. A mentor keeps counting the buddies they already
 * have, and pairs already made are remembered so they are never suggested again.
 */
export function resubmit(
  earlier: BuddyRequest | undefined,
  fresh: Omit<BuddyRequest, 'status' | 'createdAt' | 'updatedAt' | 'decision' | 'capacityLeft' | 'pairedWith'>,
  now: Date,
): Resubmission {
  if (earlier && (earlier.status === 'approved' || earlier.status === 'matched'))
    return { kind: 'alreadyDecided', request: earlier };
  const at = now.toISOString();
  const request: BuddyRequest = {
    ...fresh,
    status: 'pending',
    createdAt: earlier?.status === 'pending' ? earlier.createdAt : at,
    updatedAt: at,
    decision: undefined,
    capacityLeft: Math.max(0, (fresh.capacity ?? 0) - (earlier?.wayIn === 'mentor' ? activePairs(earlier) : 0)),
    pairedWith: earlier?.pairedWith ?? [],
    ...(earlier?.pairings ? { pairings: earlier.pairings } : {}),
  };
  return { kind: !earlier ? 'new' : earlier.status === 'pending' ? 'updated' : 'again', request };
}
