import type { Storage } from '../../storage.js';
import type { BotDeps } from '../botDeps.js';
import type { DataSection, ErasureRequest } from '../feature.js';
import { formatFullUkDateTime } from '../../platform/ukDateTime.js';

/**
 * The person's chat leaves every broadcast's outbox, and its read receipt goes; a lead who sent a
 * broadcast becomes the pseudonym.
 */
export async function eraseBroadcastData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  await deps.storage.broadcasts.forgetPerson(person.userId, person.chatId ? [person.chatId] : [], person.pseudonym);
  if (person.chatId) await deps.storage.readReceipts.remove(person.chatId);
  return 0;
}

/** When the person last read the bot's messages, as Teams reported it (the reports count reads from it). */
export async function broadcastData(deps: BotDeps, userId: string): Promise<DataSection[]> {
  const chat = await deps.storage.conversations.findPersonalChat(userId);
  const receipt = chat && (await deps.storage.readReceipts.get(chat.conversationId));
  if (!receipt) return [];
  return [
    {
      heading: 'Read receipts',
      facts: [
        { title: 'Last read', value: `${formatFullUkDateTime(receipt.updatedAt)}, as Teams reported it` },
        {
          title: 'Used for',
          value:
            'counting how many read a reminder or announcement; never who. Turn read receipts off in Teams to stop them.',
        },
      ],
    },
  ];
}

/** Retention: the outbox rows of broadcasts that finished before the cutoff (their counts stay). */
export async function removeOldDeliveries(storage: Storage, cutoff: Date): Promise<Record<string, number>> {
  return { deliveryRows: await storage.broadcasts.removeDeliveriesBefore(cutoff) };
}
