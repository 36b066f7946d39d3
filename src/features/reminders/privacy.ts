import type { BotDeps } from '../botDeps.js';
import type { ErasureRequest } from '../feature.js';

/** The person's chat stops getting reminders: its subscription goes. */
export async function eraseReminderData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  if (person.chatId) await deps.storage.subscriptions.remove(person.chatId);
  return 0;
}
