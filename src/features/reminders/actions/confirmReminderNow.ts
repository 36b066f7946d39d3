import { z } from 'zod';
import { BROADCAST_NOW_PATTERN, broadcastOf } from '../reminderJob.js';
import { isLead } from '../../leads/isLead.js';
import { VERBS } from '../../verbs.js';
import { confirmCard } from '../../webinar/webinarCards.js';
import { refuse, type CardAction } from '../../cardAction.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';

const data = z.object({
  occurrenceId: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  broadcastId: z.string().regex(BROADCAST_NOW_PATTERN),
});

/**
 * The lead confirms "send webinar reminder now". The broadcast's id was made when the card was
 * shown, so a double click, or two leads on copies of one card, start one broadcast.
 */
export const confirmReminderNow: CardAction = {
  verb: VERBS.confirmReminderNow,
  async handle({ request, deps, data: raw }) {
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "send webinar reminder now" again.');
    const { occurrenceId, broadcastId } = parsed.data;
    const occurrence = await deps.webinars.find(occurrenceId);
    const subscribers = await deps.storage.subscriptions.countActive();
    if (!occurrence || occurrence.cancelled || occurrence.start.getTime() <= Date.now()) {
      const done = occurrence?.cancelled
        ? 'That webinar has been cancelled: nothing was sent.'
        : 'That webinar has begun or is no longer on the schedule: nothing was sent.';
      return { kind: 'card', card: confirmCard({ occurrence, broadcastId, subscribers, done }) };
    }
    const created = await deps.broadcasting.launch(
      broadcastOf(broadcastId, occurrence, undefined, request.person.aadObjectId ?? '', new Date()),
    );
    if (created) {
      await deps.storage.audit.record({
        at: new Date().toISOString(),
        actor: request.person.aadObjectId ?? '',
        action: 'reminder.sendNow',
        subject: broadcastId,
        related: occurrence.id,
      });
      deps.logger.info({ outcome: 'reminder_requested', broadcastId }, 'reminder now');
    }
    const done = created
      ? 'Sending now, within Teams\u2019 limits. You will get a delivery report when every chat and channel has been tried.'
      : 'This reminder was already sent from this card; type "send webinar reminder now" for another.';
    return { kind: 'card', card: confirmCard({ occurrence, broadcastId, subscribers, done }) };
  },
};
