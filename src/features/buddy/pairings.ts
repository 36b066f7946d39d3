import { z } from 'zod';
import { REQUEST_ID_PATTERN, type BuddyRequest } from './buddyScheme.js';

/** The two people in a pairing. */
export const SIDES = ['mentee', 'mentor'] as const;
export type Side = (typeof SIDES)[number];

/** A check-in card's three answers. */
export const CHECK_IN_ANSWERS = ['goingWell', 'notMet', 'endOrChange'] as const;
export type CheckInAnswer = (typeof CHECK_IN_ANSWERS)[number];

export const CHECK_IN_ANSWER_TITLES: Readonly<Record<CheckInAnswer, string>> = {
  goingWell: 'Going well',
  notMet: 'We have not met yet',
  endOrChange: 'I would like to end or change this pairing',
};

/** One check-in of a pairing (after so many weeks): when its card went to each side, and their answers. */
export interface CheckIn {
  week: number;
  /** Set just before the card goes (a claim): a card is sent at most once per side, whatever instance. */
  sentTo: Partial<Record<Side, string>>;
  answers: Partial<Record<Side, { answer: CheckInAnswer; note: string; at: string }>>;
}

/** Who ended a pairing: either person, or a lead. */
export type EndedBy = Side | 'lead';

/** A mentee's pairing with one mentor, kept on the mentee's request; the last one is current until it ends. */
export interface Pairing {
  mentorRequestId: string;
  startedAt: string;
  checkIns: CheckIn[];
  ended: { at: string; by: EndedBy; actorId: string; reason: string } | undefined;
}

/**
 * A mentee's pairings. Requests matched before pairings were kept have none: their one pairing
 * is read from the mentor they were last paired with, started when the request last changed.
 */
export function pairingsOf(request: BuddyRequest): Pairing[] {
  if (request.pairings) return request.pairings;
  const mentorRequestId = request.pairedWith.findLast((id) => id.startsWith('mentor.'));
  if (request.status !== 'matched' || !mentorRequestId) return [];
  return [{ mentorRequestId, startedAt: request.updatedAt, checkIns: [], ended: undefined }];
}

/** The mentee's current pairing, if they have one. */
export function currentPairing(request: BuddyRequest): Pairing | undefined {
  const last = pairingsOf(request).at(-1);
  return request.status === 'matched' && last && !last.ended ? last : undefined;
}

/** The mentee's request with its current pairing changed by `change`. */
export function withCurrentPairing(request: BuddyRequest, change: (pairing: Pairing) => Pairing): BuddyRequest {
  const pairings = pairingsOf(request);
  const last = pairings.at(-1);
  if (!last || last.ended) return request;
  return { ...request, pairings: [...pairings.slice(0, -1), change(last)] };
}

/**
 * A new pairing on the mentee's side, starting now. A mentee being matched is not in a pairing
 * (they were approved and waiting), so only pairings already kept come before it.
 */
export function startPairing(mentee: BuddyRequest, mentorRequestId: string, at: string): BuddyRequest {
  return {
    ...mentee,
    pairings: [...(mentee.pairings ?? []), { mentorRequestId, startedAt: at, checkIns: [], ended: undefined }],
  };
}

/** Which side of the pairing a person is on, or undefined when they are in neither. */
export function sideOf(userId: string, mentee: BuddyRequest, mentor: BuddyRequest | undefined): Side | undefined {
  if (mentee.userId === userId) return 'mentee';
  if (mentor?.userId === userId) return 'mentor';
  return undefined;
}

/** A mentee waits for a buddy from when they were approved, or from when they asked for a new one. */
export function waitingSince(request: BuddyRequest): string {
  return request.waitingSince ?? request.decision?.at ?? request.updatedAt;
}

/** How a pairing is named in card data: the mentee's request id and the mentor's. */
export function pairKey(menteeRequestId: string, mentorRequestId: string): string {
  return `${menteeRequestId} ${mentorRequestId}`;
}

/** A pairing's key from card data, read back as the mentee's and the mentor's request ids. */
export const PAIR_KEY = z
  .string()
  .transform((text) => text.trim().split(' '))
  .pipe(z.tuple([z.string().regex(REQUEST_ID_PATTERN), z.string().regex(REQUEST_ID_PATTERN)]));
