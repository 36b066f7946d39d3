import type { Storage } from '../../storage.js';
import type { BotDeps } from '../botDeps.js';
import type { ErasureRequest } from '../feature.js';

/** The person's chat leaves every broadcast's outbox; a lead who sent a broadcast becomes the pseudonym. */
export async function eraseBroadcastData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  await deps.storage.broadcasts.forgetPerson(person.userId, person.chatId ? [person.chatId] : [], person.pseudonym);
  return 0;
}

/** Retention: the outbox rows of broadcasts that finished before the cutoff (their counts stay). */
export async function removeOldDeliveries(storage: Storage, cutoff: Date): Promise<Record<string, number>> {
  return { deliveryRows: await storage.broadcasts.removeDeliveriesBefore(cutoff) };
}
