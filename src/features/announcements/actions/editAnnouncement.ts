import type { CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { announcementFormCard } from '../announcementCards.js';
import { audienceSizes } from '../audience.js';
import { readFormInput } from './formInput.js';

/** *Change it* on the confirm card: back to the form, as it was typed. */
export const editAnnouncement: CardAction = {
  verb: VERBS.editAnnouncement,
  async handle({ request, deps, data }) {
    const input = await readFormInput(deps, request, data);
    if (!input.ok) return input.result;
    return {
      kind: 'card',
      card: announcementFormCard(deps, { ...input, sizes: await audienceSizes(deps) }),
    };
  },
};
