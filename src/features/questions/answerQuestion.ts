import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { BotDeps } from '../botDeps.js';
import { setOrganisation } from '../directory/intents.js';
import { taughtAnswerFor } from '../answers/taughtAnswerFor.js';
import type { IntentHandler } from '../feature.js';
import { helpCard, smallTalkCard } from './botCards.js';
import { smallTalkReply } from './smallTalk.js';
import type { IntentOrNone } from './intents.js';
import type { Understanding } from './understand.js';

/** A question asked with a button rather than typed: the intent alone. */
export function askedByButton(intent: IntentOrNone): Understanding {
  return { intent, score: 1, text: '', organisation: { kind: 'unknown' }, region: undefined, workplace: 'none' };
}

/** Not understood: an organisation or region named is answered for (and saved only as `setOrganisation` says); otherwise the menu. */
const notUnderstood: IntentHandler = async (deps, userId, question) => {
  const { organisation } = question;
  if ((organisation.kind !== 'unknown' && organisation.exact) || question.region)
    return setOrganisation(deps, userId, question);
  // Worth a question to the lead only if it has a few words ("asdf" is not a question).
  const askAbout = question.text.split(/\s+/).length >= 3 ? question.text : '';
  return helpCard('notUnderstood', await deps.roles.showsAsLead(userId), askAbout);
};

const GREETING = /^\W*(?:hi+|hello+|hey|hiya|yo|morning|afternoon|evening|good (?:morning|afternoon|evening))\b/i;
/** The menu, small talk, and what to do with a message nobody's intent fits. */
export const questionIntents = {
  help: async (deps, userId, question) =>
    helpCard(GREETING.test(question.text) ? 'greeted' : 'asked', await deps.roles.showsAsLead(userId)),
  smallTalk: (_deps, _userId, question) => Promise.resolve(smallTalkCard(smallTalkReply(question.text))),
  None: notUnderstood,
} satisfies Partial<Record<IntentOrNone, IntentHandler>>;

/**
 * The intent a message is acted on as: a message that gives where the person works is first of
 * all that, whatever its intent (and so never a command such as "stop the reminders").
 */
export function intentActedOn(question: Understanding): IntentOrNone {
  return question.workplace === 'none' ? question.intent : 'setOrganisation';
}

/** The cards that answer a question, in order: an answer the leads taught, if one fits; else the feature that answers its intent. */
export async function answerQuestion(
  deps: BotDeps,
  userId: string,
  question: Understanding,
): Promise<AdaptiveCardJson[]> {
  const intent = intentActedOn(question);
  const taught = taughtAnswerFor(deps, question, intent);
  return taught ? [taught] : [await deps.intents[intent](deps, userId, question)].flat();
}
