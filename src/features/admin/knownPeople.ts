import { z } from 'zod';
import { userNameOf } from '../conversations/conversationReferences.js';
import type { BotDeps } from '../botDeps.js';

/** A choice in a people picker: a name and an Entra object id. */
export interface PersonChoice {
  title: string;
  value: string;
}

/** Enough for a static list beside Teams' own search; the search finds everyone else. */
const MAX_CHOICES = 300;

const entraId = z.guid();

/**
 * The people who have a personal chat with the bot, by name, for the static choices of a people
 * picker: in Teams the picker also searches the organisation; in the Agents Playground these are all there is.
 */
export async function knownPeople(deps: Pick<BotDeps, 'storage'>): Promise<PersonChoice[]> {
  const people = new Map<string, string>();
  for await (const chat of deps.storage.conversations.list('personal')) {
    const id = chat.userAadObjectId?.toLowerCase();
    if (!id || people.has(id)) continue;
    people.set(id, userNameOf(chat.reference)?.slice(0, 100) ?? unnamed(id));
  }
  return [...people]
    .map(([value, title]) => ({ title, value }))
    .sort((a, b) => a.title.localeCompare(b.title))
    .slice(0, MAX_CHOICES);
}

/** How a person the bot has no name for is shown: their name comes with their first message to the bot. */
export function unnamed(id: string): string {
  return `Name not known yet (…${id.slice(-6)}): it shows once they write to the bot`;
}

/** A person's name as the bot knows it (their chat), or undefined. */
export async function nameOf(deps: Pick<BotDeps, 'storage'>, id: string): Promise<string | undefined> {
  const chat = await deps.storage.conversations.findPersonalChat(id);
  return chat && userNameOf(chat.reference)?.slice(0, 100);
}

/**
 * The Entra object id a people picker gave: Teams' search gives it as is; the Agents Playground's
 * stand-in search gives the Teams user id, which a personal chat with the bot leads back to.
 */
export async function pickedPerson(deps: Pick<BotDeps, 'storage'>, value: unknown): Promise<string | undefined> {
  if (typeof value !== 'string') return undefined;
  const picked = value.trim().toLowerCase();
  if (entraId.safeParse(picked).success) return picked;
  if (!/^29:[\w:.@-]{1,200}$/i.test(value.trim())) return undefined;
  for await (const chat of deps.storage.conversations.list('personal')) {
    const user = chat.reference.user as { id?: unknown } | undefined;
    if (user?.id === value.trim() && chat.userAadObjectId) return chat.userAadObjectId.toLowerCase();
  }
  return undefined;
}
