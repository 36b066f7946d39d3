import { distance } from 'fastest-levenshtein';

/** Words that say nothing about which organisation is meant (the search library comparison uses them too). */
export const FILLER = new Set([
  'nhs',
  'foundation',
  'trust',
  'trusts',
  'the',
  'of',
  'and',
  'ft',
  'at',
  'in',
  'for',
  'a',
  'service',
  'services',
]);

/** Common written short forms, read as the word they stand for (English county abbreviations first). */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  beds: 'bedfordshire',
  berks: 'berkshire',
  bucks: 'buckinghamshire',
  cambs: 'cambridgeshire',
  derbys: 'derbyshire',
  glos: 'gloucestershire',
  gloucs: 'gloucestershire',
  hants: 'hampshire',
  herts: 'hertfordshire',
  lancs: 'lancashire',
  leics: 'leicestershire',
  lincs: 'lincolnshire',
  northants: 'northamptonshire',
  notts: 'nottinghamshire',
  oxon: 'oxfordshire',
  shrops: 'shropshire',
  staffs: 'staffordshire',
  warks: 'warwickshire',
  wilts: 'wiltshire',
  worcs: 'worcestershire',
  yorks: 'yorkshire',
  hosp: 'hospital',
  hosps: 'hospitals',
  uni: 'university',
  univ: 'university',
  gen: 'general',
  mids: 'midlands',
  dist: 'district',
  saint: 'st',
  ccg: 'icb',
};

/**
 * Lower case, "&" as "and" (but "N&N" as one word, "n&n", or it would be "n"), "integrated care
 * board" as "icb", apostrophes dropped, short forms expanded ("univ" is "university", "saint" is
 * "st"), anything else not a letter or digit a space.
 */
export function tokenise(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\b(\p{L})\s*&\s*(\p{L})\b/gu, '$1and$2')
    .replace(/&/g, ' and ')
    .replace(/\bintegrated care boards?\b/g, ' icb ')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((word) => SHORT_FORMS[word] ?? word);
}

/** How many typing slips a word of this length may carry and still count. */
function allowedSlips(length: number): number {
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

const NEAR_CACHE_LIMIT = 10_000;

function slipKey(word: string, length: number): string {
  return `${word[0] ?? ''}${String(length)}`;
}

interface Alias<T> {
  item: T;
  tokens: readonly string[];
  /** Longer, more specific aliases outrank shorter ones that they contain. */
  weight: number;
}

export interface PhraseMatch<T> {
  item: T;
  score: number;
  /** True when every word matched exactly, without allowing for slips. */
  exact: boolean;
  /** The words of the text (as tokenised) that make up the mention. */
  words: string[];
}

/**
 * Finds which known phrases (names, short forms, synonyms) a piece of free text mentions,
 * allowing for extra words around them and small typing slips in long words.
 */
export class PhraseIndex<T> {
  private readonly aliases: Alias<T>[] = [];
  private readonly byToken = new Map<string, number[]>();
  /** Known words by first letter and length, where typing slips are looked for. */
  private readonly slipCandidates = new Map<string, string[]>();
  /** Words already looked up for slips: questions repeat the same words all day. */
  private readonly nearCache = new Map<string, readonly string[]>();

  add(item: T, phrase: string): void {
    const words = tokenise(phrase);
    const distinctive = [...new Set(words.filter((token) => !FILLER.has(token)))];
    // A name of one ordinary word ("The Online NHS Trust") needs "trust" too, or "join online" names it.
    const tokens = distinctive.length === 1 && words.includes('trust') ? [...distinctive, 'trust'] : distinctive;
    if (tokens.length === 0) return;
    const id = this.aliases.push({ item, tokens, weight: tokens.reduce((sum, token) => sum + token.length, 0) }) - 1;
    for (const token of tokens) {
      const ids = this.byToken.get(token);
      if (ids) ids.push(id);
      else {
        this.byToken.set(token, [id]);
        const key = slipKey(token, token.length);
        this.slipCandidates.set(key, [...(this.slipCandidates.get(key) ?? []), token]);
      }
    }
    this.nearCache.clear();
  }

  /** Every item with an alias whose words all appear in the text, best first, one entry per item. */
  search(text: string, maxWords = 60): PhraseMatch<T>[] {
    const matched = new Map<string, boolean>(); // known word -> matched exactly?
    const typedAs = new Map<string, string>(); // known word -> the word in the text
    const position = new Map<string, number>(); // known word -> where it first appears in the text
    for (const [index, word] of tokenise(text).slice(0, maxWords).entries()) {
      if (this.byToken.has(word)) {
        if (matched.get(word) !== true) position.set(word, index);
        matched.set(word, true);
        typedAs.set(word, word);
        continue;
      }
      for (const known of this.nearWords(word)) {
        if (matched.has(known)) continue;
        matched.set(known, false);
        typedAs.set(known, word);
        position.set(known, index);
      }
    }

    const best = new Map<T, PhraseMatch<T>>();
    const seen = new Set<number>();
    for (const word of matched.keys()) {
      for (const id of this.byToken.get(word) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const alias = this.aliases[id];
        if (!alias || !alias.tokens.every((token) => matched.has(token))) continue;
        const exact = alias.tokens.every((token) => matched.get(token) === true);
        // Words in the alias's own order break ties between names of the same words
        // ("West and North London" against "North West London").
        const order = alias.tokens.map((token) => position.get(token) ?? 0);
        const inOrder = order.every((at, index) => index === 0 || at > (order[index - 1] ?? 0));
        const score = alias.weight * (exact ? 1 : 0.9) + (inOrder && alias.tokens.length > 1 ? 0.5 : 0);
        const current = best.get(alias.item);
        const words = alias.tokens.map((token) => typedAs.get(token) ?? token);
        if (!current || score > current.score) best.set(alias.item, { item: alias.item, score, exact, words });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score);
  }

  /**
   * Items sharing a distinctive word with the text (a word that only a few items use), for
   * "did you mean" choices when nothing matched in full. Best first.
   */
  searchPartial(text: string, maxDistinctiveItems = 3): PhraseMatch<T>[] {
    const words = new Set(tokenise(text).filter((word) => word.length >= 4));
    const best = new Map<T, PhraseMatch<T>>();
    for (const word of words) {
      const ids = this.byToken.get(word) ?? [];
      const items = new Set(ids.map((id) => this.aliases[id]?.item));
      if (items.size > maxDistinctiveItems) continue;
      for (const id of ids) {
        const alias = this.aliases[id];
        if (!alias) continue;
        const current = best.get(alias.item);
        const score = (current?.score ?? 0) + word.length / alias.weight;
        best.set(alias.item, { item: alias.item, score, exact: false, words: [...(current?.words ?? []), word] });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score);
  }

  /** Known words within the allowed slips of `word` (same first letter, similar length). */
  private nearWords(word: string): readonly string[] {
    const cached = this.nearCache.get(word);
    if (cached) return cached;
    const slips = allowedSlips(word.length);
    const near: string[] = [];
    for (let length = word.length - slips; slips > 0 && length <= word.length + slips; length += 1) {
      for (const known of this.slipCandidates.get(slipKey(word, length)) ?? []) {
        if (allowedSlips(known.length) > 0 && distance(known, word) <= slips) near.push(known);
      }
    }
    if (this.nearCache.size >= NEAR_CACHE_LIMIT) this.nearCache.clear();
    this.nearCache.set(word, near);
    return near;
  }
}
