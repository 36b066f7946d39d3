import type { Storage } from '../../storage.js';
import type { BotDeps } from '../botDeps.js';
import type { ErasureRequest } from '../feature.js';

/** The chat's reminder subscription and outbox rows go; a lead who sent a reminder becomes the pseudonym. */
export async function eraseReminderData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  const chats = person.chatId ? [person.chatId] : [];
  await Promise.all(chats.map((id) => deps.storage.subscriptions.remove(id)));
  await deps.storage.broadcasts.forgetPerson(person.userId, chats, person.pseudonym);
  return 0;
}

/** Retention: the outbox rows of broadcasts that finished before the cutoff (their counts stay). */
export async function removeOldDeliveries(storage: Storage, cutoff: Date): Promise<Record<string, number>> {
  return { deliveryRows: await storage.broadcasts.removeDeliveriesBefore(cutoff) };
}
