/**
 * `npm run eval:nlu`: accuracy of question understanding on the held-out sets (written
 * separately from the training corpus), per intent and overall, and of organisation lookup on
 * workplaces as people type them, and of matching answers the leads taught (precision and recall).
 */
import { performance } from 'node:perf_hooks';
import { loadKnowledge } from '../src/knowledge.js';
import {
  evaluateIntents,
  evaluateOrganisations,
  evaluateTaughtAnswers,
  INTENT_EVALUATIONS,
  loadExampleTaughtAnswers,
  loadTaughtAnswerEvaluation,
  TAUGHT_ANSWER_EVALUATIONS,
  loadIntentEvaluation,
  loadOrganisationEvaluation,
  ORGANISATION_EVALUATIONS,
} from '../test/support/nluEvaluation.js';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const { directory, understand } = await loadKnowledge();

for (const file of INTENT_EVALUATIONS) {
  const result = await evaluateIntents(understand, loadIntentEvaluation(file));
  console.log(`\nIntent classification on ${file}\n`);
  for (const row of result.perIntent) {
    console.log(
      `${row.intent.padEnd(18)} ${String(row.correct).padStart(3)}/${String(row.total).padEnd(3)} ${percent(row.accuracy).padStart(6)}`,
    );
  }
  console.log(`overall: ${result.correct}/${result.total} = ${percent(result.accuracy)}`);
  for (const mistake of result.mistakes)
    console.log(`  misread "${mistake.text}" -> ${mistake.got} (expected ${mistake.expected})`);
}

for (const file of ORGANISATION_EVALUATIONS) {
  const result = evaluateOrganisations(directory.organisations, loadOrganisationEvaluation(file));
  console.log(
    `\nOrganisation lookup on ${file}: right organisation and region ${result.rightRegion}/${result.total} = ${percent(result.regionAccuracy)}`,
  );
  for (const miss of result.misses) console.log(`  "${miss.text}" -> ${miss.got} (expected ${miss.expected})`);
}

const exampleAnswers = loadExampleTaughtAnswers();
for (const file of TAUGHT_ANSWER_EVALUATIONS) {
  const result = await evaluateTaughtAnswers(understand, exampleAnswers, loadTaughtAnswerEvaluation(file));
  console.log(
    `\nTaught answers on ${file}: precision ${percent(result.precision)} (${result.right} right of ${result.given} given), recall ${percent(result.recall)} (${result.right} of ${result.wanted} answerable)`,
  );
  for (const mistake of result.mistakes)
    console.log(`  "${mistake.text}" -> ${mistake.got ?? 'none'} (expected ${mistake.expected ?? 'none'})`);
}

// What understanding a message costs: organisation and region lookup, the workplace and small-talk
// rules, the spelling step, the intent model and, where it is unsure, the nearest examples.
const texts = INTENT_EVALUATIONS.flatMap((file) => loadIntentEvaluation(file)).map((example) => example.text);
const ROUNDS = 3;
const started = performance.now();
for (let round = 0; round < ROUNDS; round += 1) for (const text of texts) await understand(text);
console.log(
  `\nUnderstanding a message: ${((performance.now() - started) / (ROUNDS * texts.length)).toFixed(3)} ms on average over ${texts.length} held-out messages (${ROUNDS} rounds)`,
);
