import type { Feature } from '../feature.js';
import { editAnnouncement } from './actions/editAnnouncement.js';
import { newAnnouncement } from './actions/newAnnouncement.js';
import { previewAnnouncement } from './actions/previewAnnouncement.js';
import { reviewAnnouncement } from './actions/reviewAnnouncement.js';
import { sendAnnouncement } from './actions/sendAnnouncement.js';
import { showAnnouncementReport } from './actions/showAnnouncementReport.js';
import { withdrawAnnouncement } from './actions/withdrawAnnouncement.js';
import { announcementIntents } from './intents.js';

/**
 * Announcements from the leads to everyone subscribed, one region's MSOs, or the channels: written
 * on a card, previewed, sent through the broadcast machinery, reported and withdrawn.
 */
export const announcementsFeature: Feature = {
  name: 'announcements',
  intents: announcementIntents,
  actions: [
    newAnnouncement,
    previewAnnouncement,
    reviewAnnouncement,
    editAnnouncement,
    sendAnnouncement,
    showAnnouncementReport,
    withdrawAnnouncement,
  ],
};
