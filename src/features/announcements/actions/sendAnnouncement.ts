import type { CardAction } from '../../cardAction.js';
import { unplanned, type AnnouncementBroadcast } from '../../broadcast/broadcast.js';
import { VERBS } from '../../verbs.js';
import { announcementConfirmCard, describeAudience } from '../announcementCards.js';
import { countAudience } from '../audience.js';
import { readFormInput } from './formInput.js';

/**
 * *Send to N*: the announcement becomes a broadcast through the outbox. Its id was made when the
 * form was shown, so a double click, or two clicks on copies of one card, send it once.
 */
export const sendAnnouncement: CardAction = {
  verb: VERBS.sendAnnouncement,
  async handle({ request, deps, data }) {
    const input = await readFormInput(deps, request, data);
    if (!input.ok) return input.result;
    const { sender, broadcastId, announcement } = input;
    const count = await countAudience(deps, announcement.audience);
    if (count.recipients === 0) return { kind: 'card', card: announcementConfirmCard(deps, { ...input, count }) };
    const now = new Date();
    const broadcast: AnnouncementBroadcast = {
      kind: 'announcement',
      id: broadcastId,
      announcement,
      withdrawn: undefined,
      fromRegion: sender.role === 'regional' ? sender.region : undefined,
      requestedBy: request.person.aadObjectId ?? '',
      createdAt: now,
      ...unplanned(),
    };
    const created = await deps.broadcasting.launch(broadcast);
    if (created) {
      await deps.storage.audit.record({
        at: now.toISOString(),
        actor: request.person.aadObjectId ?? '',
        action: 'announcement.send',
        subject: broadcastId,
        related: undefined,
        detail: { audience: describeAudience(deps, announcement.audience) },
      });
      deps.logger.info({ broadcastId, outcome: 'announcement_requested' }, 'announcement');
    }
    const done = created
      ? `Sending now to ${String(count.recipients)}, within Teams’ limits. You will get a report when every chat and channel has been tried; type "announcements" to see it or withdraw it.`
      : 'This announcement was already sent from this card; type "new announcement" for another.';
    return { kind: 'card', card: announcementConfirmCard(deps, { ...input, count, done }) };
  },
};
