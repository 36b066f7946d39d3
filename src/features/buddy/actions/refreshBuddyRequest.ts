import { z } from 'zod';
import { REQUEST_ID_PATTERN } from '../buddyScheme.js';
import { requestCardFor } from '../buddyNotices.js';
import { conversationOf } from '../../../platform/storage/requestRows.js';
import { isLead } from '../../leads/isLead.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({ requestId: z.string().regex(REQUEST_ID_PATTERN) });

/**
 * Teams refreshes a request card for the leads (they get the card they can act on) and for the
 * applicant. Someone who holds a copy without being either (a lead since removed) sees its status
 * only. Anyone else is answered exactly as for a request that does not exist.
 */
export const refreshBuddyRequest: CardAction = {
  verb: VERBS.refreshBuddyRequest,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This card is out of date.');
    const stored = await deps.storage.buddyRequests.get(parsed.data.requestId);
    const viewer = !stored
      ? undefined
      : (await isLead(deps, request.person.aadObjectId))
        ? 'lead'
        : stored.request.userId === request.person.id
          ? 'applicant'
          : stored.cardCopies.some((copy) => conversationOf(copy) === request.conversation.id)
            ? 'other'
            : undefined;
    if (!stored || !viewer) return refuse.notFound('That request no longer exists.');
    return { kind: 'card', card: await requestCardFor(deps, stored.request, viewer) };
  },
};
