import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { answerCard } from '../answerCard.js';
import type { AnnouncementBroadcast } from '../broadcast/broadcast.js';
import type { BotDeps } from '../botDeps.js';
import type { IntentHandler } from '../feature.js';
import { leadsOnlyAnswer } from '../leads/leadsOnly.js';
import type { Intent } from '../questions/intents.js';
import { announcementFormCard, announcementListCard, newAnnouncementId } from './announcementCards.js';
import { audienceSizes } from './audience.js';
import { mayHandle, senderOf, type Sender } from './senders.js';

/** A blank form with a new id; a regional lead's goes to their region. */
export async function blankAnnouncementForm(deps: BotDeps, sender: Sender): Promise<AdaptiveCardJson> {
  return announcementFormCard(deps, {
    broadcastId: newAnnouncementId(),
    values: {
      title: '',
      text: '',
      buttonTitle: '',
      buttonUrl: '',
      audience: sender.role === 'national' ? 'everyone' : 'region',
      region: sender.role === 'regional' ? sender.region : '',
    },
    sender,
    sizes: await audienceSizes(deps),
  });
}

/** The announcements this sender may see: all for national leads, their region's for a regional lead. */
export async function announcementsFor(deps: BotDeps, sender: Sender): Promise<AnnouncementBroadcast[]> {
  return (await deps.storage.broadcasts.list('announcement')).filter(
    (broadcast): broadcast is AnnouncementBroadcast =>
      broadcast.kind === 'announcement' && mayHandle(sender, broadcast.fromRegion),
  );
}

const notASender = (deps: BotDeps, what: string) =>
  answerCard({
    ...leadsOnlyAnswer(deps.directory.network, what),
    paragraphs: [
      'Announcements from the national MSO network lead come to this chat: scroll up to find one you had. A withdrawn one says so in place.',
      'Only the national lead and deputies send announcements, and a regional network lead to their own region.',
    ],
  });

/** "new announcement" and "announcements": for the leads who may send them. */
export const announcementIntents = {
  newAnnouncement: async (deps, userId) => {
    const sender = await senderOf(deps, userId);
    return sender ? blankAnnouncementForm(deps, sender) : notASender(deps, 'Announcements');
  },
  announcements: async (deps, userId) => {
    const sender = await senderOf(deps, userId);
    return sender
      ? announcementListCard(deps, await announcementsFor(deps, sender))
      : notASender(deps, 'Announcements');
  },
} satisfies Partial<Record<Intent, IntentHandler>>;
