import { escapeCardText } from '../../../platform/cards/escapeCardText.js';
import { answerCard } from '../../answerCard.js';
import type { CardAction } from '../../cardAction.js';
import { isLead } from '../../leads/isLead.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';
import { VERBS } from '../../verbs.js';
import { currentLeadsCard } from '../leadsCardFor.js';
import { nameOf, pickedPerson } from '../knownPeople.js';

/** *Add as a lead* on the leads card: the person picked becomes a lead at once, on every instance. */
export const addLead: CardAction = {
  verb: VERBS.addLead,
  async handle({ request, deps, data }) {
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const id = await pickedPerson(deps, data.person);
    if (!id)
      return { kind: 'card', card: await currentLeadsCard(deps, { error: 'Pick a person from the list first.' }) };
    const name = await nameOf(deps, id);
    const who = name ? escapeCardText(name, 100) : 'The person you picked';
    if (deps.roles.isOwner(id))
      return { kind: 'card', card: await currentLeadsCard(deps, { notice: { text: `${who} is an owner already.` } }) };
    const at = new Date().toISOString();
    const actor = request.person.aadObjectId ?? request.person.id;
    const added = await deps.roles.roster.add({ id, name, addedBy: actor, addedAt: at });
    if (!added)
      return { kind: 'card', card: await currentLeadsCard(deps, { notice: { text: `${who} is a lead already.` } }) };
    await deps.storage.audit.record({ at, actor, action: 'role.addLead', subject: id, related: undefined });
    deps.logger.info({ outcome: 'lead_added' }, 'leads');
    const chat = await deps.storage.conversations.findPersonalChat(id);
    if (chat)
      await deps.messenger
        .send(
          chat.reference,
          answerCard({
            title: 'You are now a lead of the MSO network bot',
            paragraphs: [
              `${escapeCardText(request.person.name, 100) || 'A lead'} added you. You can now decide buddy requests, keep the webinar and the directory right, send reminders and read the audit log.`,
              'Type "lead menu" to see everything you can do.',
            ],
            source: deps.directory.network.source,
          }),
        )
        .catch((error: unknown) => deps.logger.warn({ outcome: 'lead_not_told', error: String(error) }, 'leads'));
    return {
      kind: 'card',
      card: await currentLeadsCard(deps, {
        notice: { text: `${who} is now a lead, from their next message or click.`, good: true },
      }),
    };
  },
};
