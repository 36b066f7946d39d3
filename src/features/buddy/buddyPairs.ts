import type { BotDeps } from '../botDeps.js';
import type { StoredBuddyRequest } from './buddyRequests.js';
import { wantsBuddy, type BuddyRequest } from './buddyScheme.js';
import { currentPairing, waitingSince, type Pairing } from './pairings.js';

/** A mentee and mentor in a current pairing. */
export interface ActivePair {
  mentee: BuddyRequest;
  mentor: BuddyRequest;
  pairing: Pairing;
}

type Storage = Pick<BotDeps['storage'], 'buddyRequests'>;

/** Every current pairing, oldest first: one read of the matched requests and one of the mentors. */
export async function activePairs(storage: Storage): Promise<ActivePair[]> {
  const [matched, mentors] = await Promise.all([
    storage.buddyRequests.list({ status: 'matched' }),
    storage.buddyRequests.list({ wayIn: 'mentor' }),
  ]);
  const mentorsById = new Map(mentors.map((stored) => [stored.request.id, stored.request]));
  return matched
    .flatMap(({ request }) => {
      const pairing = wantsBuddy(request) ? currentPairing(request) : undefined;
      const mentor = pairing && mentorsById.get(pairing.mentorRequestId);
      return pairing && mentor ? [{ mentee: request, mentor, pairing }] : [];
    })
    .sort((a, b) => a.pairing.startedAt.localeCompare(b.pairing.startedAt));
}

/** The current pairings a person is in, on either side. */
export async function pairsOf(storage: Storage, userId: string): Promise<ActivePair[]> {
  return (await activePairs(storage)).filter((pair) => pair.mentee.userId === userId || pair.mentor.userId === userId);
}

/** The current pairings of one request: the mentee's one, or a mentor's mentees. */
export async function pairsOfRequest(storage: Storage, request: BuddyRequest): Promise<ActivePair[]> {
  if (wantsBuddy(request) && !currentPairing(request)) return [];
  return (await activePairs(storage)).filter((pair) => pair.mentee.id === request.id || pair.mentor.id === request.id);
}

/** Mentees approved and waiting for a buddy, first come first: the queue. */
export async function waitingList(storage: Storage): Promise<StoredBuddyRequest[]> {
  return (await storage.buddyRequests.list({ status: 'approved' }))
    .filter((stored) => wantsBuddy(stored.request))
    .sort((a, b) => waitingSince(a.request).localeCompare(waitingSince(b.request)));
}

/** The mentee's place in the queue (1 is next), or undefined when they are not waiting. */
export async function placeInQueue(storage: Storage, request: BuddyRequest): Promise<number | undefined> {
  const index = (await waitingList(storage)).findIndex((stored) => stored.request.id === request.id);
  return index < 0 ? undefined : index + 1;
}
