import type { BotDeps } from '../botDeps.js';

/** A choice in a people picker: a name and an Entra object id. */
export interface PersonChoice {
  title: string;
  value: string;
}

/** Enough for a static list beside Teams' own search; the search finds everyone else. */
const MAX_CHOICES = 300;

/**
 * The people who have a personal chat with the bot, by name, for the static choices of a people
 * picker: in Teams the picker also searches the organisation; in the Agents Playground these are all there is.
 */
export async function knownPeople(deps: Pick<BotDeps, 'storage'>): Promise<PersonChoice[]> {
  const people = new Map<string, string>();
  for await (const chat of deps.storage.conversations.list('personal')) {
    const user = chat.reference.user as { name?: unknown } | undefined;
    const id = chat.userAadObjectId?.toLowerCase();
    if (!id || people.has(id)) continue;
    people.set(id, typeof user?.name === 'string' && user.name.trim() !== '' ? user.name.trim().slice(0, 100) : id);
  }
  return [...people]
    .map(([value, title]) => ({ title, value }))
    .sort((a, b) => a.title.localeCompare(b.title))
    .slice(0, MAX_CHOICES);
}

/** A person's name as the bot knows it (their chat), or undefined. */
export async function nameOf(deps: Pick<BotDeps, 'storage'>, id: string): Promise<string | undefined> {
  const chat = await deps.storage.conversations.findPersonalChat(id);
  const user = chat?.reference.user as { name?: unknown } | undefined;
  return typeof user?.name === 'string' && user.name.trim() !== '' ? user.name.trim().slice(0, 100) : undefined;
}
