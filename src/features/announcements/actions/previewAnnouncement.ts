import type { CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { announcementCard } from '../announcementCards.js';
import { readFormInput } from './formInput.js';

/** *Preview in my chat*: the announcement posted to the lead's own chat exactly as recipients will see it; the form stays. */
export const previewAnnouncement: CardAction = {
  verb: VERBS.previewAnnouncement,
  async handle({ request, deps, data }) {
    const input = await readFormInput(deps, request, data);
    if (!input.ok) return input.result;
    const fromRegion = input.sender.role === 'regional' ? input.sender.region : undefined;
    return {
      kind: 'post',
      cards: [announcementCard(deps, input.announcement, { at: new Date(), fromRegion })],
      text: 'Preview posted below: this is how recipients will see it. Nothing has been sent.',
    };
  },
};
