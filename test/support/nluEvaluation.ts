import { readFileSync } from 'node:fs';
import type { TaughtAnswer } from '../../src/features/answers/taughtAnswers.js';
import { TaughtAnswerIndex } from '../../src/features/answers/taughtAnswerIndex.js';
import { matchTaught } from '../../src/features/answers/taughtAnswerFor.js';
import { intentActedOn } from '../../src/features/questions/answerQuestion.js';
import { z } from 'zod';
import { currentOrganisation, type OrganisationFinder } from '../../src/features/directory/organisations.js';
import { REGION_CODES } from '../../src/features/directory/referenceData.js';
import type { Understand } from '../../src/features/questions/understand.js';
import { INTENTS } from '../../src/features/questions/intents.js';

const intentExamples = z.object({
  examples: z.array(z.object({ text: z.string(), intent: z.enum([...INTENTS, 'None']) })),
});
const organisationExamples = z.object({
  examples: z.array(z.object({ text: z.string(), region: z.enum(REGION_CODES), code: z.string().optional() })),
});

const nluDir = new URL('../../src/features/questions/corpus/', import.meta.url);

/** The held-out sets: the first was written before tuning, the second after, by someone who saw neither corpus nor first set. */
export const INTENT_EVALUATIONS = [
  'evaluation.json',
  'evaluation2.json',
  'evaluation3.json',
  'evaluation4.json',
  'evaluation5.json',
  'evaluation6.json',
  'evaluation7.json',
] as const;
export const ORGANISATION_EVALUATIONS = [
  'organisationEvaluation.json',
  'organisationEvaluation2.json',
  'organisationEvaluation3.json',
  'organisationEvaluation4.json',
] as const;

export function loadIntentEvaluation(file: string = INTENT_EVALUATIONS[0]) {
  return intentExamples.parse(JSON.parse(readFileSync(new URL(file, nluDir), 'utf8'))).examples;
}

export function loadOrganisationEvaluation(file: string = ORGANISATION_EVALUATIONS[0]) {
  return organisationExamples.parse(JSON.parse(readFileSync(new URL(file, nluDir), 'utf8'))).examples;
}

export async function evaluateIntents(understand: Understand, examples: ReturnType<typeof loadIntentEvaluation>) {
  const mistakes: { text: string; expected: string; got: string }[] = [];
  const byIntent = new Map<string, { correct: number; total: number }>();
  for (const example of examples) {
    const { intent } = await understand(example.text);
    const row = byIntent.get(example.intent) ?? { correct: 0, total: 0 };
    row.total += 1;
    if (intent === example.intent) row.correct += 1;
    else mistakes.push({ text: example.text, expected: example.intent, got: intent });
    byIntent.set(example.intent, row);
  }
  const correct = examples.length - mistakes.length;
  return {
    correct,
    total: examples.length,
    accuracy: correct / examples.length,
    perIntent: [...byIntent].map(([intent, row]) => ({ intent, ...row, accuracy: row.correct / row.total })),
    mistakes,
  };
}

/**
 * Right region: the one organisation found (or, for a former one, the one that took it over) is
 * in the expected region (choices do not count).
 */
export function evaluateOrganisations(
  finder: OrganisationFinder,
  examples: ReturnType<typeof loadOrganisationEvaluation>,
) {
  const misses: { text: string; expected: string; got: string }[] = [];
  for (const example of examples) {
    const lookup = finder.find(example.text);
    const got =
      lookup.kind === 'found'
        ? `${lookup.organisation.code} (${lookup.organisation.region})`
        : lookup.kind === 'ambiguous'
          ? `choices ${lookup.choices.map((choice) => `${choice.code} (${choice.region})`).join(', ')}`
          : 'unknown';
    // A former name counts as its successor when one organisation took it over.
    const organisation =
      lookup.kind === 'found' ? (currentOrganisation(lookup.organisation) ?? lookup.organisation) : undefined;
    const right =
      organisation !== undefined &&
      organisation.region === example.region &&
      (!example.code || organisation.code === example.code);
    if (!right) misses.push({ text: example.text, expected: `${example.code ?? '?'} (${example.region})`, got });
  }
  const rightRegion = examples.length - misses.length;
  return { rightRegion, total: examples.length, regionAccuracy: rightRegion / examples.length, misses };
}

const taughtDir = new URL('../fixtures/taughtAnswers/', import.meta.url);
const taughtQuestions = z.object({
  questions: z.array(z.object({ text: z.string().min(1), expected: z.string().nullable() })).min(1),
});
const taughtAnswers = z.object({
  answers: z.array(z.object({ id: z.string(), title: z.string(), text: z.string(), examples: z.array(z.string()) })),
});

/** The held-out sets for answers the leads teach: thresholds chosen on the first, the second measured blind. */
export const TAUGHT_ANSWER_EVALUATIONS = ['development.json', 'heldOut.json'] as const;

/** The example answers the sets are written for, as the store would hold them. */
export function loadExampleTaughtAnswers(): TaughtAnswer[] {
  const { answers } = taughtAnswers.parse(JSON.parse(readFileSync(new URL('development.json', taughtDir), 'utf8')));
  return answers.map((answer) => ({
    ...answer,
    version: 1,
    links: [],
    updatedAt: '2026-12-02T09:00:00.000Z',
    updatedBy: 'eeeeeeee-0000-4000-8000-00000000000a',
    updatedByName: 'Example Lead',
  }));
}

export function loadTaughtAnswerEvaluation(file: string) {
  return taughtQuestions.parse(JSON.parse(readFileSync(new URL(file, taughtDir), 'utf8'))).questions;
}

/**
 * Taught-answer matching as the bot does it: the message understood, then a taught answer if one
 * fits the intent it is acted on as. Precision: of the taught answers given, the share that were
 * the right one; recall: of the questions an answer was written for, the share that got it.
 */
export async function evaluateTaughtAnswers(
  understand: Understand,
  answers: readonly TaughtAnswer[],
  questions: ReturnType<typeof loadTaughtAnswerEvaluation>,
) {
  const index = new TaughtAnswerIndex(answers);
  let given = 0;
  let right = 0;
  const mistakes: { text: string; expected: string | null; got: string | null }[] = [];
  for (const question of questions) {
    const understood = await understand(question.text);
    const got = matchTaught(index, understood, intentActedOn(understood))?.answer.id ?? null;
    if (got) given += 1;
    if (got && got === question.expected) right += 1;
    if (got !== question.expected) mistakes.push({ text: question.text, expected: question.expected, got });
  }
  const wanted = questions.filter((question) => question.expected !== null).length;
  return { precision: given ? right / given : 1, recall: wanted ? right / wanted : 1, given, right, wanted, mistakes };
}
