import type { BotDeps } from '../botDeps.js';

export type LeadChats = Awaited<ReturnType<typeof leadChats>>;

/** The leads' personal chats, from their installs (a lead who has not installed the bot has none). */
export async function leadChats(deps: Pick<BotDeps, 'storage' | 'roles'>) {
  const ids = await deps.roles.leadIds();
  const chats = await Promise.all(ids.map((id) => deps.storage.conversations.findPersonalChat(id)));
  return chats.filter((chat) => chat !== undefined);
}
