/**
 * `npm run eval:nlu`: accuracy of the intent classifier on the held-out set (written separately
 * from the training corpus), per intent and overall, and of organisation lookup on typed names.
 */
import { loadKnowledge } from '../src/knowledge.js';
import { evaluateIntents, evaluateOrganisations, loadIntentEvaluation, loadOrganisationEvaluation } from '../test/support/nluEvaluation.js';

const { directory, classifier } = await loadKnowledge();
const intents = await evaluateIntents(classifier, loadIntentEvaluation());
console.log('Intent classification on the held-out set\n');
for (const row of intents.perIntent) {
  console.log(`${row.intent.padEnd(18)} ${String(row.correct).padStart(3)}/${String(row.total).padEnd(3)} ${(row.accuracy * 100).toFixed(1).padStart(5)}%`);
}
console.log(`\noverall: ${intents.correct}/${intents.total} = ${(intents.accuracy * 100).toFixed(1)}%`);
if (intents.mistakes.length > 0) {
  console.log('\nmisread:');
  for (const mistake of intents.mistakes) console.log(`  "${mistake.text}" -> ${mistake.got} (expected ${mistake.expected})`);
}

const organisations = evaluateOrganisations(directory.organisations, loadOrganisationEvaluation());
console.log(`\nOrganisation lookup: right region ${organisations.rightRegion}/${organisations.total} = ${(organisations.regionAccuracy * 100).toFixed(1)}%`);
for (const miss of organisations.misses) console.log(`  "${miss.text}" -> ${miss.got} (expected ${miss.expected})`);

