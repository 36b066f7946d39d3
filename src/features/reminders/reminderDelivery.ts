import type { BroadcastTarget, ReminderBroadcast } from '../broadcast/broadcast.js';
import type { SendOutcome } from '../broadcast/dispatcher.js';
import { postingCard } from '../broadcast/sendOutcome.js';
import { reportBroadcast } from '../broadcast/broadcastReport.js';
import { readsOf } from '../broadcast/readReceipts.js';
import type { BotDeps } from '../botDeps.js';
import { leadChats } from '../leads/leadChats.js';
import { reminderCard, reportCard } from '../webinar/webinarCards.js';

type ReminderDeps = Pick<BotDeps, 'messenger' | 'directory' | 'webinarCalendarUrl'>;

/** Sends the reminder card to one conversation, one HTTP request per call, and says how it went. */
export function createReminderSender(
  deps: ReminderDeps,
): (target: BroadcastTarget, broadcast: ReminderBroadcast) => Promise<SendOutcome> {
  return postingCard(deps.messenger, (broadcast: ReminderBroadcast) => reminderCard(deps, broadcast));
}

/** When a reminder ends: each lead gets the report card, and the audit table gets the broadcast. */
export async function reportToLeads(
  deps: Pick<BotDeps, 'storage' | 'roles' | 'messenger' | 'directory' | 'logger'>,
  broadcast: ReminderBroadcast,
): Promise<void> {
  await reportBroadcast(deps, broadcast, {
    action: 'reminder.broadcast',
    related: broadcast.occurrenceId,
    card: reportCard(deps, broadcast, await readsOf(deps.storage, broadcast.id)),
    chats: await leadChats(deps),
  });
}
