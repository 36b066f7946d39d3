import type { IntentOrNone } from './intents.js';

/** Letter groups of a text, with the word edges marked: "log" -> " lo", "log", "og ". */
function grams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().split(/\s+/).filter(Boolean)) {
    const padded = ` ${word} `;
    for (let size = 3; size <= 4; size += 1) {
      for (let at = 0; at + size <= padded.length; at += 1) {
        const gram = padded.slice(at, at + size);
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
      }
    }
  }
  return counts;
}

export interface Neighbours {
  intent: IntentOrNone;
  /** Cosine similarity of the nearest example, 0 to 1. */
  similarity: number;
  /** How many of the nearest `k` examples share that intent. */
  agreeing: number;
}

/**
 * The training examples nearest a text by its letter groups (TF-IDF, cosine), for a second
 * opinion where the neural model is unsure: letter groups see "leed menu" near "lead menu"
 * where whole words do not.
 */
export class NearestExamples {
  private readonly postings = new Map<string, { example: number; weight: number }[]>();
  private readonly idf = new Map<string, number>();
  private readonly intents: IntentOrNone[] = [];

  constructor(examples: readonly { text: string; intent: IntentOrNone }[]) {
    const documentFrequency = new Map<string, number>();
    const counted = examples.map(({ text }) => grams(text));
    for (const counts of counted)
      for (const gram of counts.keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
    for (const [gram, frequency] of documentFrequency) this.idf.set(gram, Math.log(examples.length / frequency) + 1);
    counted.forEach((counts, example) => {
      this.intents.push(examples[example]?.intent ?? 'None');
      const vector = this.weigh(counts);
      for (const [gram, weight] of vector) {
        const list = this.postings.get(gram) ?? [];
        list.push({ example, weight });
        this.postings.set(gram, list);
      }
    });
  }

  private weigh(counts: Map<string, number>): Map<string, number> {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [gram, count] of counts) {
      const weight = (1 + Math.log(count)) * (this.idf.get(gram) ?? 0);
      if (weight === 0) continue;
      vector.set(gram, weight);
      norm += weight * weight;
    }
    const length = Math.sqrt(norm) || 1;
    for (const [gram, weight] of vector) vector.set(gram, weight / length);
    return vector;
  }

  nearest(text: string, k = 3): Neighbours {
    const scores = new Map<number, number>();
    for (const [gram, weight] of this.weigh(grams(text))) {
      for (const posting of this.postings.get(gram) ?? [])
        scores.set(posting.example, (scores.get(posting.example) ?? 0) + weight * posting.weight);
    }
    const top = [...scores].sort((a, b) => b[1] - a[1]).slice(0, k);
    const [first] = top;
    if (!first) return { intent: 'None', similarity: 0, agreeing: 0 };
    const intent = this.intents[first[0]] ?? 'None';
    const agreeing = top.filter(([example]) => this.intents[example] === intent).length;
    return { intent, similarity: first[1], agreeing };
  }
}
