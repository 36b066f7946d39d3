import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { formatUkDate } from '../../platform/ukDateTime.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import { leadChats } from '../leads/leadChats.js';
import type { CorrectionBroadcast } from './broadcast.js';
import { reportBroadcast, senderOrLeads } from './broadcastReport.js';

/**
 * When every copy has been tried: the audit table gets the counts, and a short card goes to the
 * leads (a changed webinar) or to the lead who withdrew the announcement.
 */
export async function reportCorrection(
  deps: Pick<BotDeps, 'storage' | 'roles' | 'messenger' | 'directory' | 'logger'>,
  correction: CorrectionBroadcast,
): Promise<void> {
  const { delivered, unreachable, failed } = correction.counts;
  const withdrawal = correction.shows.what === 'withdrawn';
  const card = answerCard({
    title: withdrawal ? 'Announcement withdrawn everywhere' : 'Sent reminders updated',
    paragraphs: [
      correction.shows.what === 'withdrawn'
        ? `Every copy of ${correction.shows.title ? `“${escapeCardText(correction.shows.title, 80)}”` : 'the announcement'} that had gone out now says it was withdrawn.`
        : `Every reminder of the webinar of ${formatUkDate(correction.shows.start)} that had gone out now shows it as it stands${correction.shows.cancelled ? ': cancelled' : ''}.`,
      ...(correction.shows.what === 'webinar' && (correction.shows.cancelled || !correction.shows.onSchedule)
        ? ['Each chat that had it is also getting a short message saying so.']
        : []),
    ],
    facts: [
      { title: 'Copies', value: String(delivered + unreachable + failed) },
      { title: 'Updated', value: String(delivered) },
      { title: 'Could not be updated', value: String(unreachable + failed) },
    ],
    source: deps.directory.network.source,
    note: 'A copy cannot be updated when the person deleted it or removed the bot.',
  });
  // The notice of a cancelled or moved date follows the updates: its counts go to the audit log only.
  const chats = correction.notice
    ? []
    : withdrawal
      ? await senderOrLeads(deps, correction.requestedBy, () => leadChats(deps))
      : await leadChats(deps);
  await reportBroadcast(deps, correction, {
    action: 'broadcast.correction',
    related: correction.corrects,
    detail: { what: correction.shows.what },
    card,
    chats,
  });
}
