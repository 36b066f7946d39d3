import { formatFullUkDateTime, formatUkDate } from '../../platform/ukDateTime.js';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { ReminderBroadcast } from '../broadcast/broadcast.js';
import { describeOffset } from '../reminders/reminderPlan.js';
import { readLines, type Reads } from '../broadcast/readReceipts.js';
import { formatWebinarTime, NO_JOIN_LINK_YET, type WebinarOccurrence } from './index.js';
import type { BotDeps } from '../botDeps.js';
import { answerCard } from '../answerCard.js';
import { VERBS } from '../verbs.js';

/**
 * Whether a scheduled reminder was made when it fell due. One made late (the service was down,
 * or the schedule changed days before) does not say "in 7 days"; the date on the card says when.
 */
function onTime(broadcast: ReminderBroadcast): boolean {
  if (broadcast.offsetMinutes === undefined) return false;
  const offsetMs = broadcast.offsetMinutes * 60_000;
  const leadTimeMs = broadcast.start.getTime() - broadcast.createdAt.getTime();
  return leadTimeMs >= offsetMs - Math.max(5 * 60_000, offsetMs * 0.05);
}

/** The reminder every subscriber gets; the same card for all, made once per broadcast. */
export function reminderCard(
  deps: Pick<BotDeps, 'directory' | 'webinarCalendarUrl'>,
  broadcast: ReminderBroadcast,
  { updatedOn }: { updatedOn?: Date } = {},
): AdaptiveCardJson {
  const when = formatWebinarTime(broadcast);
  const links = [
    ...(broadcast.joinUrl ? [{ title: 'Join the webinar', url: broadcast.joinUrl }] : []),
    ...(deps.webinarCalendarUrl ? [{ title: 'Add to calendar', url: deps.webinarCalendarUrl }] : []),
  ];
  return answerCard({
    title:
      onTime(broadcast) && broadcast.offsetMinutes !== undefined
        ? `The MSO webinar is in ${describeOffset(broadcast.offsetMinutes)}`
        : 'Reminder: the MSO webinar',
    paragraphs: [
      when,
      ...(broadcast.topic ? [`Topic: ${escapeCardText(broadcast.topic)}`] : []),
      ...(broadcast.joinUrl ? [] : [NO_JOIN_LINK_YET]),
      ...(updatedOn ? [`Updated on ${formatUkDate(updatedOn)}: this is the webinar as it now stands.`] : []),
    ],
    links,
    asks: [{ title: 'Stop these reminders', intent: 'remindersStop' }],
    source: deps.directory.network.source,
    note: 'You get this because the MSO Network bot is installed here. Type "stop reminders" to stop them.',
  });
}

/** The lead's delivery report: the three outcomes add up to the subscribers it was planned for. */
export function reportCard(
  deps: Pick<BotDeps, 'directory'>,
  broadcast: ReminderBroadcast,
  reads: Reads,
): AdaptiveCardJson {
  const { delivered, unreachable, failed } = broadcast.counts;
  const paragraphs = [`For the webinar on ${formatWebinarTime(broadcast)}.`];
  if (unreachable > 0)
    paragraphs.push(
      'Unreachable chats and channels have removed the bot; they get no more reminders until it is installed again.',
    );
  if (failed > 0)
    paragraphs.push('Failed sends were tried several times; Teams kept refusing them or the webinar had begun.');
  paragraphs.push(...readLines(reads));
  return answerCard({
    title: 'Webinar reminder report',
    paragraphs,
    asks: [{ title: 'Show the latest reads', intent: 'reminderReport' }],
    facts: [
      { title: 'Subscribers', value: String(delivered + unreachable + failed) },
      { title: 'Delivered', value: String(delivered) },
      { title: 'Unreachable', value: String(unreachable) },
      { title: 'Failed', value: String(failed) },
      {
        title: 'Reminder',
        value:
          broadcast.offsetMinutes === undefined
            ? 'sent by a lead'
            : `${describeOffset(broadcast.offsetMinutes)} before`,
      },
      ...(broadcast.finishedAt
        ? [{ title: 'Finished', value: `${formatFullUkDateTime(broadcast.finishedAt)} (UK time)` }]
        : []),
    ],
    source: deps.directory.network.source,
    note: 'Counts are of chats and channels: a channel reaches everyone in it.',
  });
}

export interface ConfirmCardOptions {
  occurrence: WebinarOccurrence | undefined;
  broadcastId: string;
  subscribers: number;
  /** Shown once the lead has confirmed, or when there is nothing to send. */
  done?: string;
}

/** "Send webinar reminder now": what would go, to how many, and one button. */
export function confirmCard({ occurrence, broadcastId, subscribers, done }: ConfirmCardOptions): AdaptiveCardJson {
  if (!occurrence) {
    return renderCard('confirm', {
      title: 'No webinar to remind people of',
      paragraphs: ['No webinar is scheduled. Type "webinar settings" to set the schedule first.'],
      facts: [],
      confirmable: false,
      confirmTitle: 'Send it now',
      confirmStyle: 'positive',
      verb: VERBS.confirmReminderNow,
      data: {},
    });
  }
  return renderCard('confirm', {
    title: done ? 'Webinar reminder on its way' : 'Send a webinar reminder now?',
    paragraphs: [
      done ??
        'Every subscribed chat and channel gets a reminder of the next webinar. You get a delivery report when it has gone.',
    ],
    facts: [
      { title: 'Webinar', value: formatWebinarTime(occurrence) },
      ...(occurrence.topic ? [{ title: 'Topic', value: escapeCardText(occurrence.topic) }] : []),
      { title: 'Subscribers now', value: String(subscribers) },
    ],
    confirmable: done === undefined,
    confirmTitle: 'Send it now',
    confirmStyle: 'positive',
    verb: VERBS.confirmReminderNow,
    data: { occurrenceId: occurrence.id, broadcastId },
  });
}
