/**
 * `npm run bench:search`: the organisation search ranked three ways on the same phrases (names,
 * short forms, former names, sites, codes): the bot's own PhraseIndex, MiniSearch (BM25 with
 * fuzzy terms) and Fuse.js (Bitap fuzzy strings). Each is scored on every organisation
 * evaluation set (right organisation and region), on false finds (questions that name no
 * organisation, from the intent held-out sets, where a search must find nothing), and on time
 * per lookup. The libraries get the bot's tokens (short forms expanded, filler words dropped),
 * its ODS code reading and its tie rules, so only the ranking differs.
 */
import { performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import {
  codedOrganisation,
  createOrganisationFinder,
  organisationPhrases,
  preferKindAsked,
  withoutSuccessorsOfFormer,
  type Organisation,
  type OrganisationFinder,
  type OrganisationLookup,
} from '../src/features/directory/organisations.js';
import { FILLER, tokenise } from '../src/features/directory/phraseIndex.js';
import { loadReferenceData } from '../src/features/directory/referenceData.js';
import {
  evaluateOrganisations,
  INTENT_EVALUATIONS,
  loadIntentEvaluation,
  loadOrganisationEvaluation,
  ORGANISATION_EVALUATIONS,
} from '../test/support/nluEvaluation.js';

const reference = loadReferenceData();
const entries = organisationPhrases(reference);
const byCode = new Map(entries.map(({ organisation }) => [organisation.code, organisation]));
const words = (text: string) => tokenise(text).filter((word) => !FILLER.has(word));

/** An organisation a library ranked, with its score turned so that higher is better. */
interface Hit {
  item: Organisation;
  score: number;
}

/** The bot's rules on top of a library's ranked hits: codes first, the kind asked for, ties as choices. */
function finderFrom(rank: (text: string) => Hit[]): OrganisationFinder {
  return {
    byCode: (code) => byCode.get(code.toUpperCase()),
    find(text): OrganisationLookup {
      const coded = codedOrganisation(text, byCode);
      if (coded) return { kind: 'found', organisation: coded, exact: true, words: [] };
      const hits = rank(text);
      const top = hits[0];
      if (!top) return { kind: 'unknown' };
      const tied = withoutSuccessorsOfFormer(
        preferKindAsked(
          text,
          hits.filter((hit) => hit.score >= top.score * 0.98),
        ),
      );
      const [only] = tied;
      if (tied.length === 1 && only) return { kind: 'found', organisation: only.item, exact: true, words: [] };
      return { kind: 'ambiguous', choices: tied.slice(0, 5).map((hit) => hit.item), exact: true, words: [] };
    },
  };
}

function bestPerOrganisation(hits: { code: string; score: number }[]): Hit[] {
  const best = new Map<string, number>();
  for (const { code, score } of hits) best.set(code, Math.max(best.get(code) ?? 0, score));
  return [...best]
    .map(([code, score]) => ({ item: byCode.get(code), score }))
    .filter((hit): hit is Hit => hit.item !== undefined)
    .sort((a, b) => b.score - a.score);
}

const documents = entries.flatMap(({ organisation, phrases }) =>
  phrases.map((text, n) => ({
    id: `${organisation.code}:${String(n)}`,
    code: organisation.code,
    text,
    terms: new Set(words(text)).size,
  })),
);

/**
 * MiniSearch as it comes (any shared term is a hit), or with the bot's rule that every word of
 * a name must be in the text for the name to count (`wholePhrases`).
 */
function miniSearchFinder(wholePhrases: boolean): OrganisationFinder {
  const index = new MiniSearch<(typeof documents)[number]>({
    fields: ['text'],
    storeFields: ['code', 'terms'],
    tokenize: (text) => tokenise(text),
    processTerm: (term) => (FILLER.has(term) ? null : term),
  });
  index.addAll(documents);
  return finderFrom((text) => {
    const query = words(text).join(' ');
    if (!query) return [];
    const results = index
      .search(query, { fuzzy: 0.2, prefix: (term) => term.length >= 4, combineWith: 'OR' })
      .filter((result) => !wholePhrases || Object.keys(result.match).length >= Number(result.terms));
    return bestPerOrganisation(results.map((result) => ({ code: String(result.code), score: result.score })));
  });
}

function fuseFinder(): OrganisationFinder {
  const fuse = new Fuse(
    documents.map((document) => ({ ...document, text: words(document.text).join(' ') })),
    { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.3, minMatchCharLength: 3 },
  );
  return finderFrom((text) => {
    const query = words(text).join(' ');
    if (!query) return [];
    // Fuse scores 0 (perfect) to 1: turned round so that higher is better, as for the others.
    const results = fuse.search(query, { limit: 20 });
    return bestPerOrganisation(results.map((result) => ({ code: result.item.code, score: 1 - (result.score ?? 1) })));
  });
}

/** Held-out questions that name no organisation: a search that finds one in them is wrong. */
const ORGANISATION_INTENTS = new Set(['regionalNetwork', 'regionalLead', 'setOrganisation']);
const questionsNamingNone = INTENT_EVALUATIONS.flatMap((file) => loadIntentEvaluation(file)).filter(
  (example) => !ORGANISATION_INTENTS.has(example.intent),
);

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const rivals: [string, () => OrganisationFinder][] = [
  ['PhraseIndex (the bot)', () => createOrganisationFinder(reference)],
  ['MiniSearch 7, as it comes', () => miniSearchFinder(false)],
  ['MiniSearch 7, every word of a name required', () => miniSearchFinder(true)],
  ['Fuse.js 7', fuseFinder],
];

console.log(
  `${documents.length} phrases for ${entries.length} organisations; ${questionsNamingNone.length} questions that name none\n`,
);
for (const [name, build] of rivals) {
  let started = performance.now();
  const finder = build();
  const buildMs = performance.now() - started;
  const sets = ORGANISATION_EVALUATIONS.map((file) => {
    const result = evaluateOrganisations(finder, loadOrganisationEvaluation(file));
    return `${file.replace('organisationEvaluation', 'set ').replace('.json', '')}: ${result.rightRegion}/${result.total} ${percent(result.regionAccuracy)}`;
  });
  const allExamples = ORGANISATION_EVALUATIONS.flatMap((file) => loadOrganisationEvaluation(file));
  const all = evaluateOrganisations(finder, allExamples);
  const finds = questionsNamingNone
    .map((example) => finder.find(example.text))
    .filter((found) => found.kind === 'found');
  // The bot acts on a name given in full; a loose find (one distinctive word) only when the person says they work there.
  const inFull = finds.filter((found) => found.exact).length;
  const texts = [...allExamples.map((example) => example.text), ...questionsNamingNone.map((example) => example.text)];
  started = performance.now();
  const rounds = 5;
  for (let round = 0; round < rounds; round += 1) for (const text of texts) finder.find(text);
  const perLookupUs = ((performance.now() - started) * 1000) / (rounds * texts.length);
  console.log(name);
  console.log(`  ${sets.join('; ')}`);
  console.log(
    `  all sets: ${all.rightRegion}/${all.total} = ${percent(all.regionAccuracy)}; false finds ${finds.length}/${questionsNamingNone.length} (${inFull} in full); ${perLookupUs.toFixed(0)} µs per lookup; index built in ${buildMs.toFixed(0)} ms`,
  );
}
