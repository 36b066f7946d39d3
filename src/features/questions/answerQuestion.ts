import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import { setOrganisation } from '../directory/intents.js';
import type { IntentHandler } from '../feature.js';
import { helpCard } from './botCards.js';
import type { IntentOrNone } from './intents.js';
import type { Understanding } from './understand.js';

/** A question asked with a button rather than typed: the intent alone. */
export function askedByButton(intent: IntentOrNone): Understanding {
  return { intent, score: 1, text: '', organisation: { kind: 'unknown' }, region: undefined };
}

/** Not understood: a place or organisation on its own still means something; otherwise the menu. */
const notUnderstood: IntentHandler = async (deps, userId, question) => {
  const { organisation } = question;
  if (organisation.kind !== 'unknown' && organisation.exact) return setOrganisation(deps, userId, question);
  if (question.region)
    return answerCard(deps.directory.answers.regionalNetwork(question.region, { kind: 'named' }, 'network'));
  return helpCard(true, await deps.roles.showsAsLead(userId));
};

/** The menu, and what to do with a message nobody's intent fits. */
export const questionIntents = {
  help: async (deps, userId) => helpCard(false, await deps.roles.showsAsLead(userId)),
  None: notUnderstood,
} satisfies Partial<Record<IntentOrNone, IntentHandler>>;

/** The cards that answer a question, in order: the feature that answers its intent decides. */
export async function answerQuestion(
  deps: BotDeps,
  userId: string,
  question: Understanding,
): Promise<AdaptiveCardJson[]> {
  return [await deps.intents[question.intent](deps, userId, question)].flat();
}
