import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import type { IntentHandler } from '../feature.js';
import { isLead } from '../leads/isLead.js';
import type { Intent } from '../questions/intents.js';
import { confirmCard, reportCard } from '../webinar/webinarCards.js';
import { newBroadcastNowId } from './reminderJob.js';

const fixed =
  (answer: (deps: BotDeps) => AdaptiveCardJson): IntentHandler =>
  (deps) =>
    Promise.resolve(answer(deps));

/** Reminders: switching them (typed, they act on the conversation: see answerInConversation), sending now, the report. */
export const reminderIntents = {
  remindersStop: fixed(({ directory }) => answerCard(directory.answers.remindersHowTo())),
  remindersStart: fixed(({ directory }) => answerCard(directory.answers.remindersHowTo())),
  reminderNow: async (deps, userId) => {
    if (!isLead(deps, userId)) return answerCard(deps.directory.answers.leadsOnly('Sending a webinar reminder'));
    const [next, subscribers] = await Promise.all([deps.webinars.next(), deps.storage.subscriptions.countActive()]);
    return confirmCard({
      occurrence: next?.inProgress ? undefined : next?.occurrence,
      broadcastId: newBroadcastNowId(),
      subscribers,
    });
  },
  reminderReport: async (deps, userId) => {
    if (!isLead(deps, userId)) return answerCard(deps.directory.answers.leadsOnly('The reminder report'));
    const last = await deps.storage.broadcasts.lastFinished();
    if (last) return reportCard(deps, last);
    return answerCard({
      ...deps.directory.answers.leadsOnly('Webinar reminder report'),
      paragraphs: ['No webinar reminder has finished sending yet.'],
      links: [],
    });
  },
} satisfies Partial<Record<Intent, IntentHandler>>;
