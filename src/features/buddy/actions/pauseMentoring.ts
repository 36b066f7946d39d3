import { z } from 'zod';
import { settle } from '../../../platform/settle.js';
import type { CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { pauseMentoring as pause } from '../decisions.js';
import { offerFreedMentor } from '../mentorFreed.js';
import { refreshCardCopies } from '../buddyNotices.js';
import { myBuddiesCard } from '../pairCards.js';

const data = z.object({ paused: z.enum(['true', 'false']) });

/**
 * *Pause mentoring* / *Resume mentoring* on a mentor's own card: a paused mentor is not suggested
 * for new buddies (their current buddies stay); on resuming, their free places are offered to
 * whoever waits.
 */
export const pauseMentoring: CardAction = {
  verb: VERBS.pauseMentoring,
  async handle({ request: turn, deps, data: raw }) {
    const userId = turn.person.id;
    const card = async (message: string) => ({
      kind: 'card' as const,
      card: await myBuddiesCard(deps, userId, message),
    });
    const parsed = data.safeParse(raw);
    if (!parsed.success) return card('This card is out of date: here is how things stand now.');
    const paused = parsed.data.paused === 'true';
    const mine = (await deps.storage.buddyRequests.list({ userId, wayIn: 'mentor' }))[0];
    if (!mine) return card('Only mentors can pause mentoring.');
    const changed = pause(mine.request, paused, new Date());
    if (!changed) return card(paused ? 'Your mentoring is already paused.' : 'Your mentoring is not paused.');
    if (!(await deps.storage.buddyRequests.replace(changed, mine.etag, mine.cardCopies)))
      return card('Your mentoring changed just now: here is how it stands. Try again if you still want to.');
    await deps.storage.audit.record({
      at: changed.updatedAt,
      actor: userId,
      action: paused ? 'buddy.pause' : 'buddy.resume',
      subject: changed.id,
      related: undefined,
    });
    deps.logger.info({ requestId: changed.id, outcome: paused ? 'paused' : 'resumed' }, 'buddy mentoring');
    await settle(deps.logger, { requestId: changed.id }, 'buddy mentoring', () =>
      refreshCardCopies(deps, changed, mine.cardCopies),
    );
    if (!paused)
      await settle(deps.logger, { requestId: changed.id }, 'buddy mentoring', () => offerFreedMentor(deps, changed));
    return card(paused ? 'Mentoring paused.' : 'Mentoring resumed: you can be suggested for new buddies again.');
  },
};
