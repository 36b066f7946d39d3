import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import type { BotDeps } from '../botDeps.js';
import { leadChats } from '../leads/leadChats.js';
import { postToLeads, requestCardFor } from './buddyNotices.js';
import { waitingList } from './buddyPairs.js';
import type { BuddyRequest } from './buddyScheme.js';
import { canMentor } from './matching.js';

/**
 * A mentor gained room (newly approved, a pairing ended, mentoring resumed): for as many waiting
 * mentees as they have places, first in the queue first, the leads get the mentee's card "a buddy
 * is now available for <name>" with the ranked suggestions, so nobody waits unseen. Resolves to
 * how many mentees were offered.
 */
export async function offerFreedMentor(deps: BotDeps, mentor: BuddyRequest): Promise<number> {
  if (mentor.paused || mentor.capacityLeft <= 0) return 0;
  const fitting = (await waitingList(deps.storage))
    .filter((stored) => canMentor(stored.request, mentor))
    .slice(0, mentor.capacityLeft);
  if (fitting.length === 0) return 0;
  const chats = await leadChats(deps);
  for (const { request } of fitting) {
    const card = await requestCardFor(
      deps,
      request,
      'lead',
      `A buddy is now available for ${escapeCardText(request.name, 80)}.`,
      chats,
    );
    const copies = await postToLeads(deps, request, card, chats);
    // The leads' new copies follow the match like the first ones did.
    await deps.storage.buddyRequests.addCardCopies(request.id, copies);
  }
  deps.logger.info({ mentor: mentor.id, offered: fitting.length, outcome: 'offered' }, 'buddy offer');
  return fitting.length;
}
