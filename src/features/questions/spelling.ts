/**
 * Typing slips in question words, put right against the words the classifier learnt from:
 * "remider report" -> "reminder report", "audti log" -> "audit log", "recroded" -> "recorded".
 * A swap of two letters counts as one slip (optimal string alignment distance); NLP.js's own
 * spelling check allows one plain edit on word stems, so swaps escape it.
 */
export class SpellingFixer {
  /** Known words by first letter, with how often the corpus uses each. */
  private readonly byInitial = new Map<string, Map<string, number>>();
  private readonly known = new Set<string>();
  private readonly cache = new Map<string, string>();

  constructor(texts: Iterable<string>) {
    for (const text of texts) {
      for (const word of words(text)) {
        this.known.add(word);
        const initial = word[0] ?? '';
        const counts = this.byInitial.get(initial) ?? new Map<string, number>();
        counts.set(word, (counts.get(word) ?? 0) + 1);
        this.byInitial.set(initial, counts);
      }
    }
  }

  /** The text with each unknown word of 4 letters or more replaced by the commonest known word within its slips. */
  fix(text: string): string {
    return words(text)
      .map((word) => this.fixWord(word))
      .join(' ');
  }

  private fixWord(word: string): string {
    if (word.length < 4 || this.known.has(word) || /\d/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const slips = word.length >= 8 ? 2 : 1;
    let best: { word: string; distance: number; count: number } | undefined;
    for (const [candidate, count] of this.byInitial.get(word[0] ?? '') ?? []) {
      if (Math.abs(candidate.length - word.length) > slips) continue;
      const distance = alignmentDistance(word, candidate, slips);
      if (distance > slips) continue;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count))
        best = { word: candidate, distance, count };
    }
    const fixed = best?.word ?? word;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, fixed);
    return fixed;
  }
}

function words(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Edits (insert, delete, substitute, swap neighbours) from a to b; anything over `limit` is limit + 1. */
function alignmentDistance(a: string, b: string, limit: number): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (i > 0 && rowMin > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? limit + 1;
}
