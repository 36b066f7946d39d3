import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import { fixedAnswer, type IntentHandler } from '../feature.js';
import { isLead } from '../leads/isLead.js';
import type { Intent } from '../questions/intents.js';
import { confirmCard, reportCard } from '../webinar/webinarCards.js';
import { newBroadcastNowId } from './reminderJob.js';
import { leadsOnlyAnswer } from '../leads/leadsOnly.js';
import { readsOf } from '../broadcast/readReceipts.js';

/** Pressed as a button: the switches act on the conversation they are typed in, so say so. */
function remindersHowTo({ directory }: BotDeps) {
  return answerCard({
    title: 'Webinar reminders',
    paragraphs: [
      'Type "stop reminders" or "start reminders" in the chat or channel where you want the reminders switched.',
    ],
    source: directory.network.source,
  });
}

/** Reminders: switching them (typed, they act on the conversation: see answerInConversation), sending now, the report. */
export const reminderIntents = {
  remindersStop: fixedAnswer(remindersHowTo),
  remindersStart: fixedAnswer(remindersHowTo),
  reminderNow: async (deps, userId) => {
    if (!(await isLead(deps, userId)))
      return answerCard(leadsOnlyAnswer(deps.directory.network, 'Sending a webinar reminder'));
    const [next, subscribers] = await Promise.all([deps.webinars.next(), deps.storage.subscriptions.countActive()]);
    return confirmCard({
      occurrence: next?.inProgress ? undefined : next?.occurrence,
      broadcastId: newBroadcastNowId(),
      subscribers,
    });
  },
  reminderReport: async (deps, userId) => {
    if (!(await isLead(deps, userId)))
      return answerCard(leadsOnlyAnswer(deps.directory.network, 'The reminder report'));
    const last = await deps.storage.broadcasts.lastFinished('reminder');
    if (last?.kind === 'reminder') return reportCard(deps, last, await readsOf(deps.storage, last.id));
    return answerCard({
      ...leadsOnlyAnswer(deps.directory.network, 'Webinar reminder report'),
      paragraphs: ['No webinar reminder has finished sending yet.'],
      // The leads-only answer's contact links do not belong here.
      links: [],
    });
  },
} satisfies Partial<Record<Intent, IntentHandler>>;
