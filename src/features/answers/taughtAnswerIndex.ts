import { createRequire } from 'node:module';
import MiniSearch from 'minisearch';
import type { TaughtAnswer } from './taughtAnswers.js';

/** How close a match must be. BM25 scores are not compared: they change with the number of answers. */
export interface Closeness {
  /** Share of the question's meaningful words the best answer contains (after stemming, with slips). */
  coverage: number;
  /** How many of them, at least. */
  matched: number;
}

/**
 * A close match answers even a question the classifier understood (the lead's answer is the more
 * specific one); a looser one only a question it did not. Chosen on the first held-out set, then
 * measured once on a second, blind one (README, "Answers the leads teach").
 */
export const MATCH_THRESHOLDS = {
  close: { coverage: 0.6, matched: 2 },
  whenNotUnderstood: { coverage: 0.5, matched: 2 },
} as const satisfies Record<string, Closeness>;

export interface TaughtMatch {
  answer: TaughtAnswer;
  score: number;
  coverage: number;
  /** How many of the question's meaningful words the answer contains. */
  matched: number;
}

/** Words that say nothing about which answer is meant. */
const STOP_WORDS = new Set(
  `a an the and or but if of to in on at for from by with about into is are was were be been am do does did
  i me my we our us you your it its this that these those there here what which who whom when where why how
  can could would should will shall may might must have has had get got any some please pls plz hi hello hey
  thanks thank morning afternoon just so not no yes ok okay know tell let anyone someone anybody somebody
  msonetwork`
    .split(/\s+/)
    .filter(Boolean),
);

interface Stemmer {
  stemWord(word: string): string;
}
const { StemmerEn } = createRequire(import.meta.url)('@nlpjs/lang-en-min') as { StemmerEn: new () => Stemmer };
const stemmer = new StemmerEn();

/** Lower case, no stop words, stemmed: "recordings" and "recorded" are one word. */
function processTerm(term: string): string | null {
  const word = term.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (word.length < 2 || STOP_WORDS.has(word)) return null;
  return stemmer.stemWord(word);
}

interface Document {
  id: string;
  title: string;
  examples: string;
  text: string;
}

/**
 * The answers the leads taught, ranked for a question with BM25 (MiniSearch): title and example
 * phrasings count most, the answer's own text a little. The best answer is given only when it
 * holds most of the question's meaningful words, and at least two, so a question that shares one
 * ("when is the next webinar" and "Webinar recordings") does not get it.
 */
export class TaughtAnswerIndex {
  private readonly search = new MiniSearch<Document>({
    fields: ['title', 'examples', 'text'],
    processTerm,
    searchOptions: {
      boost: { title: 2, examples: 2, text: 0.5 },
      fuzzy: (term) => (term.length > 5 ? 0.2 : false),
      prefix: (term) => term.length > 4,
      combineWith: 'OR',
    },
  });
  private readonly byId: ReadonlyMap<string, TaughtAnswer>;

  constructor(answers: readonly TaughtAnswer[]) {
    this.byId = new Map(answers.map((answer) => [answer.id, answer]));
    this.search.addAll(
      answers.map((answer) => ({
        id: answer.id,
        title: answer.title,
        examples: answer.examples.join('\n'),
        text: answer.text,
      })),
    );
  }

  get size(): number {
    return this.byId.size;
  }

  /** The best answer for the question, scored; undefined when none is close enough. */
  best(question: string): TaughtMatch | undefined {
    const words = new Set(question.split(/[^A-Za-z0-9]+/).flatMap((word) => processTerm(word) ?? []));
    if (words.size === 0) return undefined;
    const [top] = this.search.search(question);
    const answer = top && this.byId.get(String(top.id));
    if (!top || !answer) return undefined;
    const coverage = top.queryTerms.length / words.size;
    return { answer, score: top.score, coverage, matched: top.queryTerms.length };
  }

  /** The answer to give, if one is close enough; `understood`: the classifier found an intent for the question. */
  match(question: string, understood: boolean): TaughtMatch | undefined {
    const best = this.best(question);
    const near = (closeness: Closeness) =>
      best !== undefined && best.coverage >= closeness.coverage && best.matched >= closeness.matched;
    return near(MATCH_THRESHOLDS.close) || (!understood && near(MATCH_THRESHOLDS.whenNotUnderstood)) ? best : undefined;
  }
}
