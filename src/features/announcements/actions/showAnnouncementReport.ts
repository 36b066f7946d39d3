import type { CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { announcementReportCard } from '../announcementCards.js';
import { chosenAnnouncement } from './formInput.js';
import { readsOf } from '../../broadcast/readReceipts.js';

/** *Report of the chosen one* on the list (and *Show the latest reads* on a report): its counts and reads, posted below. */
export const showAnnouncementReport: CardAction = {
  verb: VERBS.showAnnouncementReport,
  async handle({ request, deps, data }) {
    const chosen = await chosenAnnouncement(deps, request, data);
    if (!chosen.ok) return chosen.result;
    const { broadcast } = chosen;
    const reads = await readsOf(deps.storage, broadcast.id);
    return { kind: 'post', cards: [announcementReportCard(deps, broadcast, reads)], text: 'Its report is below.' };
  },
};
