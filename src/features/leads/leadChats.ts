import type { BotDeps } from '../botDeps.js';

export type LeadChats = Awaited<ReturnType<typeof leadChats>>;

/**
 * The leads' personal chats, from their installs (a lead who has not installed the bot has none);
 * `except` leaves out these people (a lead who is one of a buddy pair does not read what is said of it).
 */
export async function leadChats(deps: Pick<BotDeps, 'storage' | 'roles'>, except: readonly string[] = []) {
  const ids = (await deps.roles.leadIds()).filter(
    (id) => !except.some((left) => left.toLowerCase() === id.toLowerCase()),
  );
  const chats = await Promise.all(ids.map((id) => deps.storage.conversations.findPersonalChat(id)));
  return chats.filter((chat) => chat !== undefined);
}

/** The leads' Teams user ids (MRIs), for a card's `refresh.userIds`: they see the card they can act on. */
export function leadMris(chats: LeadChats): string[] {
  return chats
    .map((chat) => (chat.reference.user as { id?: unknown } | undefined)?.id)
    .filter((id): id is string => typeof id === 'string');
}
