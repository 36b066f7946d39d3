import { randomBytes } from 'node:crypto';
import type { CardAction } from '../../cardAction.js';
import { unplanned, type CorrectionBroadcast } from '../../broadcast/broadcast.js';
import { VERBS } from '../../verbs.js';
import { announcementListCard } from '../announcementCards.js';
import { announcementsFor } from '../intents.js';
import { chosenAnnouncement } from './formInput.js';

/**
 * *Withdraw it*: what has not gone out is not sent, and every copy that has is replaced, through
 * the outbox, by "Withdrawn by … on <date>". Once only: a second click says it is done.
 */
export const withdrawAnnouncement: CardAction = {
  verb: VERBS.withdrawAnnouncement,
  async handle({ request, deps, data }) {
    const chosen = await chosenAnnouncement(deps, request, data);
    if (!chosen.ok) return chosen.result;
    const { sender } = chosen;
    const broadcastId = chosen.broadcast.id;
    const actor = request.person.aadObjectId ?? '';
    const now = new Date();
    const correction: CorrectionBroadcast = {
      kind: 'correction',
      id: `c${randomBytes(8).toString('hex')}`,
      corrects: broadcastId,
      shows: {
        what: 'withdrawn',
        at: now,
        title: chosen.broadcast.announcement.title,
        byRegion: sender.role === 'regional' ? sender.region : undefined,
      },
      notice: false,
      requestedBy: actor,
      createdAt: now,
      ...unplanned(),
    };
    const withdrawn = await deps.storage.broadcasts.withdraw(correction, now, actor);
    if (withdrawn) {
      deps.broadcasting.sendSoon();
      await deps.storage.audit.record({
        at: now.toISOString(),
        actor,
        action: 'announcement.withdraw',
        subject: broadcastId,
        related: correction.id,
      });
      deps.logger.info({ broadcastId, outcome: 'announcement_withdrawn' }, 'announcement');
    }
    const message = withdrawn
      ? 'Withdrawn: nothing more of it goes out, and every copy is being replaced. You get a short report when that is done.'
      : 'That announcement had already been withdrawn.';
    return { kind: 'card', card: announcementListCard(deps, await announcementsFor(deps, sender), message) };
  },
};
