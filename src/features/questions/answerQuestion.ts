import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { BotDeps } from '../botDeps.js';
import { setOrganisation } from '../directory/intents.js';
import type { IntentHandler } from '../feature.js';
import { helpCard } from './botCards.js';
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
  return helpCard(true, await deps.roles.showsAsLead(userId));
};

/** The menu, and what to do with a message nobody's intent fits. */
export const questionIntents = {
  help: async (deps, userId) => helpCard(false, await deps.roles.showsAsLead(userId)),
  None: notUnderstood,
} satisfies Partial<Record<IntentOrNone, IntentHandler>>;

/**
 * The cards that answer a question, in order: the feature that answers its intent decides. A
 * message that gives where the person works is first of all that, whatever its intent.
 */
export async function answerQuestion(
  deps: BotDeps,
  userId: string,
  question: Understanding,
): Promise<AdaptiveCardJson[]> {
  const handler = question.workplace === 'none' ? deps.intents[question.intent] : deps.intents.setOrganisation;
  return [await handler(deps, userId, question)].flat();
}
