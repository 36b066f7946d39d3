import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../platform/cards/renderCard.js';
import type { Intent } from './questions/intents.js';
import { VERBS } from './verbs.js';

/** Every answer the bot gives: what it says, where it comes from, and ways to act on it. */
export interface Answer {
  title: string;
  paragraphs: string[];
  facts: { title: string; value: string }[];
  /** Ways to act: email, a Teams chat, a page. */
  links: { title: string; url: string }[];
  /** Follow-up questions offered as buttons. */
  asks: { title: string; intent: Intent }[];
  /** Where the facts come from. */
  source: { title: string; url: string };
  /** A short line under the answer, such as what the answer was based on. */
  note: string | undefined;
}

declare module '../platform/cards/renderCard.js' {
  interface CardData {
    answer: Omit<Answer, 'note'> & { note: string; verbs: { askQuestion: string } };
  }
}

registerCardTemplates('common', ['answer']);

/** The answer card. Only the title and source are required; the rest default to empty. */
export function answerCard({
  title,
  source,
  paragraphs = [],
  facts = [],
  links = [],
  asks = [],
  note,
}: Pick<Answer, 'title' | 'source'> & Partial<Answer>): AdaptiveCardJson {
  return renderCard('answer', {
    title,
    source,
    paragraphs,
    facts,
    links,
    asks,
    note: note ?? '',
    verbs: { askQuestion: VERBS.askQuestion },
  });
}
