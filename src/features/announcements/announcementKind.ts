import type { AnnouncementBroadcast } from '../broadcast/broadcast.js';
import type { BroadcastKind } from '../broadcast/broadcastKind.js';
import { postingCard } from '../broadcast/sendOutcome.js';
import { reportBroadcast, senderOrLeads } from '../broadcast/broadcastReport.js';
import { readsOf } from '../broadcast/readReceipts.js';
import type { BotDeps } from '../botDeps.js';
import { leadChats } from '../leads/leadChats.js';
import { announcementCard, announcementReportCard } from './announcementCards.js';
import { audienceTargets } from './audience.js';

type KindDeps = Pick<BotDeps, 'storage' | 'roles' | 'messenger' | 'directory' | 'logger'>;

/** Announcements as a kind of broadcast: to their audience, stopped by a withdrawal, reported to whoever sent them. */
export function announcementKind(deps: KindDeps): BroadcastKind<AnnouncementBroadcast> {
  return {
    audience: (broadcast) => audienceTargets(deps, broadcast.announcement.audience),
    send: postingCard(deps.messenger, (broadcast: AnnouncementBroadcast) =>
      announcementCard(deps, broadcast.announcement, { at: broadcast.createdAt, fromRegion: broadcast.fromRegion }),
    ),
    // Read fresh: a lead may withdraw it while it goes out.
    withdrawn: async (broadcast) => {
      const stored = await deps.storage.broadcasts.get(broadcast.id);
      return stored?.kind === 'announcement' && stored.withdrawn ? 'withdrawn' : undefined;
    },
    refusalMeansRemoved: true,
    onFinished: (broadcast) => reportAnnouncement(deps, broadcast),
  };
}

/** The report goes to the lead who sent it (or, if their chat is not known, to the national leads). */
async function reportAnnouncement(deps: KindDeps, broadcast: AnnouncementBroadcast): Promise<void> {
  await reportBroadcast(deps, broadcast, {
    action: 'announcement.broadcast',
    related: undefined,
    card: announcementReportCard(deps, broadcast, await readsOf(deps.storage, broadcast.id)),
    chats: await senderOrLeads(deps, broadcast.requestedBy, () => leadChats(deps)),
  });
}
