import type { CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { announcementCard, announcementFormCard } from '../announcementCards.js';
import { audienceSizes } from '../audience.js';
import { readFormInput } from './formInput.js';

const POSTED = 'Preview posted below in your chat: this is how recipients will see it. Nothing has been sent.';

/**
 * *Preview in my chat*: the announcement posted to the lead's own chat exactly as recipients
 * will see it; the form stays, as typed, to change or send.
 */
export const previewAnnouncement: CardAction = {
  verb: VERBS.previewAnnouncement,
  async handle({ request, deps, data }) {
    const input = await readFormInput(deps, request, data);
    if (!input.ok) return input.result;
    const fromRegion = input.sender.role === 'regional' ? input.sender.region : undefined;
    const preview = announcementCard(deps, input.announcement, { at: new Date(), fromRegion, preview: true });
    const chat = request.person.aadObjectId
      ? await deps.storage.conversations.findPersonalChat(request.person.aadObjectId)
      : undefined;
    // No chat of theirs on record: the preview goes where they pressed the button.
    if (!chat) return { kind: 'post', cards: [preview], text: POSTED };
    await deps.messenger.send(chat.reference, preview);
    return {
      kind: 'card',
      card: announcementFormCard(deps, { ...input, message: POSTED, sizes: await audienceSizes(deps) }),
    };
  },
};
