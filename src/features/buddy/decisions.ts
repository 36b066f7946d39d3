import { wantsBuddy, type BuddyRequest } from './buddyScheme.js';
import { canMentor } from './matching.js';

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
      request: { ...request, status: 'approved', updatedAt: stamp.at, decision: { ...stamp, reason: undefined } },
      mentor: undefined,
    };
  }
  if (!wantsBuddy(request)) return { kind: 'refused', message: 'A mentor is not matched with another mentor.' };
  if (!canMentor(request, mentor))
    return { kind: 'refused', message: `${mentor.name} can no longer take a buddy. Choose another.` };
  const capacityLeft = mentor.capacityLeft - 1;
  return {
    kind: 'decided',
    request: {
      ...request,
      status: 'matched',
      updatedAt: stamp.at,
      decision: request.decision ?? { ...stamp, reason: undefined },
      pairedWith: [...request.pairedWith, mentor.id],
    },
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
