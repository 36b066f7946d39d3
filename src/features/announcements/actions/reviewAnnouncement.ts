import type { CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { announcementConfirmCard } from '../announcementCards.js';
import { countAudience } from '../audience.js';
import { readFormInput } from './formInput.js';

/** *Send…*: how many it would reach now (and who is left out), with *Send to N* and *Change it*. */
export const reviewAnnouncement: CardAction = {
  verb: VERBS.reviewAnnouncement,
  async handle({ request, deps, data }) {
    const input = await readFormInput(deps, request, data);
    if (!input.ok) return input.result;
    const count = await countAudience(deps, input.announcement.audience);
    return { kind: 'card', card: announcementConfirmCard(deps, { ...input, count }) };
  },
};
