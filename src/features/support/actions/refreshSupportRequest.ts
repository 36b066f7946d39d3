import { z } from 'zod';
import { SUPPORT_ID_PATTERN } from '../supportScheme.js';
import { supportCardFor } from '../supportNotices.js';
import { isLead } from '../../leads/isLead.js';
import { leadChats } from '../../leads/leadChats.js';
import { conversationOf } from '../../../platform/storage/requestRows.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({ requestId: z.string().regex(SUPPORT_ID_PATTERN) });

/**
 * Teams refreshes a question's card for the leads (they get the card they can act on) and for
 * the person who asked. Someone else holding a copy (a lead since removed) sees its status only;
 * anyone else is answered as for a question that does not exist.
 */
export const refreshSupportRequest: CardAction = {
  verb: VERBS.refreshSupportRequest,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This card is out of date.');
    const stored = await deps.storage.supportRequests.get(parsed.data.requestId);
    const inThisChat = stored?.cardCopies.some((copy) => conversationOf(copy) === request.conversation.id);
    const viewer = !stored
      ? undefined
      : (await isLead(deps, request.person.aadObjectId))
        ? 'lead'
        : stored.request.userId === request.person.id
          ? 'asker'
          : inThisChat
            ? 'other'
            : undefined;
    if (!stored || !viewer) return refuse.notFound('That question no longer exists.');
    const card = supportCardFor(deps, stored.request, viewer, await leadChats(deps), {
      viewerId: request.person.aadObjectId,
    });
    return { kind: 'card', card };
  },
};
