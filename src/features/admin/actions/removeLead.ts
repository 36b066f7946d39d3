import { z } from 'zod';
import { renderCard } from '../../../platform/cards/renderCard.js';
import { escapeCardText } from '../../../platform/cards/escapeCardText.js';
import { refuse, type CardAction } from '../../cardAction.js';
import { isLead } from '../../leads/isLead.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';
import { VERBS } from '../../verbs.js';
import { currentLeadsCard } from '../leadsCardFor.js';

const data = z.object({ id: z.string().min(1).max(64), confirmed: z.literal('yes').optional() });

/** *Remove* on the leads card asks first; once confirmed the person loses every lead action at once. */
export const removeLead: CardAction = {
  verb: VERBS.removeLead,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "leads" to start again.');
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const id = parsed.data.id.toLowerCase();
    if (deps.roles.isOwner(id))
      return {
        kind: 'card',
        card: await currentLeadsCard(deps, {
          notice: { text: 'Owners are set in the service settings and cannot be removed here.' },
        }),
      };
    const lead = (await deps.roles.roster.list()).find((candidate) => candidate.id === id);
    if (!lead)
      return {
        kind: 'card',
        card: await currentLeadsCard(deps, { notice: { text: 'They are not a lead any more.' } }),
      };
    const who = lead.name ? escapeCardText(lead.name, 100) : 'This person';
    if (!parsed.data.confirmed)
      return {
        kind: 'card',
        card: renderCard('confirm', {
          title: `Remove ${who} as a lead?`,
          paragraphs: [
            'They lose every lead action at once: their next click on a lead card is refused, and buddy request cards they hold show the status only. You can add them again later.',
          ],
          facts: [],
          confirmable: true,
          confirmTitle: 'Remove as a lead',
          confirmStyle: 'destructive',
          verb: VERBS.removeLead,
          data: { id, confirmed: 'yes' },
        }),
      };
    const removed = await deps.roles.roster.remove(id);
    if (removed) {
      const actor = request.person.aadObjectId ?? request.person.id;
      await deps.storage.audit.record({
        at: new Date().toISOString(),
        actor,
        action: 'role.removeLead',
        subject: id,
        related: undefined,
      });
      deps.logger.info({ outcome: 'lead_removed' }, 'leads');
    }
    return {
      kind: 'card',
      card: await currentLeadsCard(deps, {
        notice: { text: removed ? `${who} is no longer a lead.` : 'They are not a lead any more.', good: removed },
      }),
    };
  },
};
