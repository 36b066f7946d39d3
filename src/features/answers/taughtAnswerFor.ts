import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { BotDeps } from '../botDeps.js';
import { GENERAL_QUESTIONS, type IntentOrNone } from '../questions/intents.js';
import type { Understanding } from '../questions/understand.js';
import { taughtAnswerCard } from './answersCards.js';
import type { TaughtAnswerBook } from './taughtAnswerBook.js';
import type { TaughtMatch } from './taughtAnswerIndex.js';

/**
 * What a taught answer may stand in for: a question not understood, and the questions whose
 * answers are general facts (a lead's answer is the more specific one). Never a command, a
 * person's own records, or where they work.
 */
const MAY_ANSWER: ReadonlySet<IntentOrNone> = new Set(['None', 'help', ...GENERAL_QUESTIONS]);

/** The taught answer that answers a question acted on as `intent`, if one is close enough. */
export function matchTaught(
  answers: Pick<TaughtAnswerBook, 'match'>,
  question: Understanding,
  intent: IntentOrNone,
): TaughtMatch | undefined {
  if (!MAY_ANSWER.has(intent) || !question.text) return undefined;
  return answers.match(question.text, intent !== 'None');
}

/** The card of the taught answer that answers this question, if one is close enough. */
export function taughtAnswerFor(
  deps: Pick<BotDeps, 'taughtAnswers' | 'directory'>,
  question: Understanding,
  intent: IntentOrNone,
): AdaptiveCardJson | undefined {
  const match = matchTaught(deps.taughtAnswers, question, intent);
  return match && taughtAnswerCard(deps.directory.network, match.answer);
}
