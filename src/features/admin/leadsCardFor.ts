import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { BotDeps } from '../botDeps.js';
import { leadsCard, type Notice } from './adminCards.js';
import { knownPeople, nameOf } from './knownPeople.js';

/** The leads card as things stand: owners by name where the bot knows it, added leads, people to add. */
export async function currentLeadsCard(
  deps: Pick<BotDeps, 'roles' | 'storage' | 'directory' | 'localMode'>,
  state: { notice?: Notice; error?: string } = {},
): Promise<AdaptiveCardJson> {
  const [added, candidates, owners] = await Promise.all([
    deps.roles.roster.list(),
    knownPeople(deps),
    Promise.all(deps.roles.ownerIds().map(async (id) => ({ id, name: await nameOf(deps, id) }))),
  ]);
  // A lead picked from the organisation's search before they wrote to the bot is named once they have.
  const named = await Promise.all(
    added.map(async (lead) => (lead.name ? lead : { ...lead, name: await nameOf(deps, lead.id) })),
  );
  return leadsCard(deps, owners, named, candidates, state);
}
