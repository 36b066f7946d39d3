import type { CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { announcementReportCard } from '../announcementCards.js';
import { chosenAnnouncement } from './formInput.js';

/** *Report of the chosen one* on the list: its counts, posted below the list. */
export const showAnnouncementReport: CardAction = {
  verb: VERBS.showAnnouncementReport,
  async handle({ request, deps, data }) {
    const chosen = await chosenAnnouncement(deps, request, data);
    if (!chosen.ok) return chosen.result;
    return { kind: 'post', cards: [announcementReportCard(deps, chosen.broadcast)], text: 'Its report is below.' };
  },
};
