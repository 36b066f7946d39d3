import { refuse, type CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { blankAnnouncementForm } from '../intents.js';
import { senderOf } from '../senders.js';

export const NOT_A_SENDER = refuse.forbidden(
  'Only the national MSO network lead and deputies, or a regional network lead for their region, can do this.',
);

/** *New announcement* on the list: a blank form. */
export const newAnnouncement: CardAction = {
  verb: VERBS.newAnnouncement,
  async handle({ request, deps }) {
    const sender = await senderOf(deps, request.person.aadObjectId);
    if (!sender) return NOT_A_SENDER;
    return { kind: 'card', card: await blankAnnouncementForm(deps, sender) };
  },
};
