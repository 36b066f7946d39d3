import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { INTENTS, type Intent, type IntentOrNone } from './intents.js';
import { prepareText } from './prepareText.js';
import { SpellingFixer } from './spelling.js';
import { NearestExamples } from './nearestExamples.js';

export interface Classification {
  intent: IntentOrNone;
  /** The classifier's confidence in `intent`, 0 to 1. */
  score: number;
}

export interface IntentClassifier {
  /** Classifies text already turned into features by the `features` function it was trained with. */
  classifyFeatures(features: string): Promise<Classification>;
}

/** Examples per intent, including `None`: things people ask that the bot does not do. */
export type Corpus = Record<IntentOrNone, readonly string[]>;

const corpusSchema = z.object({
  intents: z.partialRecord(z.enum([...INTENTS, 'None']), z.array(z.string().trim().min(1))),
});

/** The corpus, in five files by five authors and one for asking the lead; none copies the held-out evaluation sets. */
const CORPUS_FILES = [
  'corpus.json',
  'corpus-extra.json',
  'corpus-third.json',
  'corpus-fourth.json',
  'corpus-fifth.json',
  'corpus-support.json',
].map((file) => new URL(`../../../src/features/questions/corpus/${file}`, import.meta.url));

/** The training corpus; every intent must have examples. */
function loadCorpus(files: readonly (URL | string)[] = CORPUS_FILES): Corpus {
  const corpus = Object.fromEntries([...INTENTS, 'None'].map((intent) => [intent, [] as string[]])) as Record<
    IntentOrNone,
    string[]
  >;
  for (const file of files) {
    const { intents } = corpusSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    for (const [intent, utterances] of Object.entries(intents) as [IntentOrNone, string[]][])
      corpus[intent].push(...utterances);
  }
  const thin = INTENTS.filter((intent) => corpus[intent].length < 5);
  if (thin.length > 0) throw new Error(`The NLU corpus has fewer than 5 examples for ${thin.join(', ')}`);
  return corpus;
}

/** Below this confidence the answer is "not understood", so a wrong guess never passes for an answer. */
const CONFIDENCE_THRESHOLD = 0.6;
/** Below the threshold, the nearest examples may still decide if this close (cosine of letter groups; chosen on held-out sets 1 to 5). */
const NEAREST_SIMILARITY = 0.5;

interface NlpJs {
  addLanguage(locale: string): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, text: string): Promise<{ intent: string; score: number }>;
}
interface NlpJsContainer {
  use(plugin: unknown): void;
  registerConfiguration(tag: string, settings: Record<string, unknown>, overwrite: boolean): void;
  register(name: string, instance: unknown, isSingleton?: boolean): void;
}

const silentLogger = { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error() {} };

/**
 * An NLP.js neural intent classifier trained on the corpus at start-up (tens of milliseconds).
 * NLP.js ships no type declarations, so it is loaded through createRequire and typed here.
 */
export interface ClassifierOptions {
  corpus?: Corpus;
  /**
   * What the model learns from each example: by default the text with mentions and greetings set
   * aside; understand.ts also puts marker words in place of organisations and regions. Text to
   * classify must go through the same function.
   */
  features?: (text: string) => string;
}

export async function trainIntentClassifier({
  corpus = loadCorpus(),
  features = prepareText,
}: ClassifierOptions = {}): Promise<IntentClassifier> {
  const require = createRequire(import.meta.url);
  const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap: () => Promise<NlpJsContainer> };
  const { Nlp } = require('@nlpjs/nlp') as { Nlp: new (settings: Record<string, unknown>) => NlpJs };
  const { LangEn } = require('@nlpjs/lang-en-min') as { LangEn: unknown };

  const container = await containerBootstrap();
  container.register('logger', silentLogger, true);
  container.use(LangEn);
  container.registerConfiguration(
    'nlu-??',
    {
      keepStopwords: true,
      nonefeatureValue: 1,
      nonedeltaMultiplier: 1.2,
      filterZeros: true,
      spellCheck: true,
      spellCheckDistance: 1,
      log: false,
    },
    true,
  );
  const nlp = new Nlp({
    container,
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
    threshold: CONFIDENCE_THRESHOLD,
  });
  nlp.addLanguage('en');
  const learnt: { text: string; intent: IntentOrNone }[] = [];
  for (const intent of [...INTENTS, 'None'] as const) {
    for (const utterance of corpus[intent]) {
      const example = features(utterance);
      learnt.push({ text: example, intent });
      nlp.addDocument('en', example, intent);
    }
  }
  await nlp.train();
  const spelling = new SpellingFixer(learnt.map(({ text }) => text));
  const nearest = new NearestExamples(learnt);

  return {
    async classifyFeatures(text) {
      if (!text.trim()) return { intent: 'None', score: 1 };
      const fixed = spelling.fix(text);
      const { intent, score } = await nlp.process('en', fixed);
      if (isIntent(intent) && score >= CONFIDENCE_THRESHOLD) return { intent, score };
      // Unsure: the nearest examples by letter groups decide, if they are close and agree.
      const second = nearest.nearest(fixed);
      if (second.intent !== 'None' && second.similarity >= NEAREST_SIMILARITY && second.agreeing >= 2)
        return { intent: second.intent, score: second.similarity };
      return { intent: 'None', score };
    },
  };
}

function isIntent(name: string): name is Intent {
  return (INTENTS as readonly string[]).includes(name);
}
