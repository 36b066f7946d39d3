import { z } from 'zod';
import { settle } from '../../../platform/settle.js';
import { refuse, type CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { refreshCardCopies, sendToLeads } from '../buddyNotices.js';
import { REQUEST_ID_PATTERN } from '../buddyScheme.js';
import { askForNewBuddy as askAgain } from '../decisions.js';
import { myBuddiesCard } from '../pairCards.js';

const data = z.object({ requestId: z.string().regex(REQUEST_ID_PATTERN) });

/**
 * *Ask for a new buddy* after a pairing ended: the request is approved again and joins the back
 * of the queue; the leads get its card with the ranked suggestions (never the same buddy again).
 */
export const askForNewBuddy: CardAction = {
  verb: VERBS.askForNewBuddy,
  async handle({ request: turn, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "who is my buddy" to see it again.');
    const userId = turn.person.id;
    const stored = await deps.storage.buddyRequests.get(parsed.data.requestId);
    // Someone else's request answers exactly as a missing one: no hint that it exists.
    if (!stored || stored.request.userId !== userId) return refuse.notFound('You have no such request.');
    const card = async (message: string) => ({
      kind: 'card' as const,
      card: await myBuddiesCard(deps, userId, message),
    });
    const waiting = askAgain(stored.request, new Date());
    if (!waiting) return card('You are already waiting for a buddy, or have one.');
    if (!(await deps.storage.buddyRequests.replace(waiting, stored.etag, stored.cardCopies)))
      return card('Your request changed just now: here it is as it stands.');
    await deps.storage.audit.record({
      at: waiting.updatedAt,
      actor: userId,
      action: 'buddy.askAgain',
      subject: waiting.id,
      related: undefined,
    });
    await settle(deps.logger, { requestId: waiting.id }, 'buddy ask again', async () => {
      await refreshCardCopies(deps, waiting, stored.cardCopies);
      await sendToLeads(deps, waiting);
    });
    return card('Done: you are back in the queue for a buddy, and the national lead has been told.');
  },
};
