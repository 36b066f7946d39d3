import { z } from 'zod';
import { REQUEST_ID_PATTERN } from '../buddyScheme.js';
import { withdraw } from '../decisions.js';
import { refreshCardCopies, requestCardFor } from '../buddyNotices.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({ requestId: z.string().regex(REQUEST_ID_PATTERN) });

/** The applicant withdraws their own open request; the leads' copies show it. */
export const withdrawBuddyRequest: CardAction = {
  verb: VERBS.withdrawBuddyRequest,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This card is out of date.');
    const stored = await deps.storage.buddyRequests.get(parsed.data.requestId);
    const userId = request.person.id;
    // Someone else's request answers exactly as a missing one: no hint that it exists.
    if (!stored || stored.request.userId !== userId) return refuse.notFound('You have no such request.');
    const withdrawn = withdraw(stored.request, new Date());
    if (!withdrawn)
      return {
        kind: 'card',
        card: await requestCardFor(deps, stored.request, 'applicant', 'This request can no longer be withdrawn.'),
      };
    if (!(await deps.storage.buddyRequests.replace(withdrawn, stored.etag, stored.cardCopies))) {
      const current = await deps.storage.buddyRequests.get(stored.request.id);
      return {
        kind: 'card',
        card: await requestCardFor(
          deps,
          current?.request ?? stored.request,
          'applicant',
          'The request changed just now; here it is as it stands.',
        ),
      };
    }
    await deps.storage.audit.record({
      at: withdrawn.updatedAt,
      actor: userId,
      action: 'buddy.withdraw',
      subject: withdrawn.id,
      related: undefined,
    });
    const invokedCopy = request.replyToId;
    await refreshCardCopies(
      deps,
      withdrawn,
      stored.cardCopies.filter((copy) => copy.activityId !== invokedCopy),
    );
    return {
      kind: 'card',
      card: await requestCardFor(deps, withdrawn, 'applicant', 'Your request has been withdrawn.'),
    };
  },
};
