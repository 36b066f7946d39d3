import type { WayIn } from '../../src/features/buddy/buddyScheme.js';
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
