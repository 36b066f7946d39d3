import type { BuddyRequest, WayIn } from '../../src/features/buddy/buddyScheme.js';
import type { Storage } from '../../src/storage.js';
import type { Person } from './activities.js';

/** The id of the request a person made one way in, as stored (ids are random, so tests look them up). */
export async function requestIdOf(storage: Storage, person: Person, wayIn: WayIn): Promise<string> {
  const stored = (await storage.buddyRequests.list({ userId: person.aadObjectId })).find(
    ({ request }) => request.wayIn === wayIn,
  );
  if (!stored) throw new Error(`${person.id} has no ${wayIn} request`);
  return stored.request.id;
}

/** A stored-shape request for storage tests: a new-to-post applicant in the North East, pending. */
export function sampleRequest(id: string, overrides: Partial<BuddyRequest> = {}): BuddyRequest {
  return {
    id,
    userId: `user-${id}`,
    name: 'Sam Example',
    wayIn: 'newToPost',
    region: 'Y63',
    organisationCode: 'RR8',
    monthsInRole: 3,
    focusAreas: ['safetyAlerts'],
    capacity: undefined,
    capacityLeft: 0,
    preferredContact: 'teams',
    email: 'sam.example@example.org',
    note: '',
    status: 'pending',
    createdAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    decision: undefined,
    pairedWith: [],
    ...overrides,
  };
}
