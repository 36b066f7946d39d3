import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../platform/cards/renderCard.js';
import type { Intent } from './questions/intents.js';
import { VERBS, type Verb } from './verbs.js';

/** Every answer the bot gives: what it says, where it comes from, and ways to act on it. */
export interface Answer {
  title: string;
  paragraphs: string[];
  facts: { title: string; value: string }[];
  /** Ways to act: email, a Teams chat, a page. */
  links: { title: string; url: string }[];
  /** Follow-up questions offered as buttons. */
  asks: { title: string; intent: Intent }[];
  /** Buttons that act on the answer itself, such as "Make this my organisation" and "Undo". */
  actions: { title: string; verb: Verb; data: Readonly<Record<string, string>> }[];
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

/** An answer with nothing to say or act on unless given: only the title and source are required. */
export function answer(fields: Pick<Answer, 'title' | 'source'> & Partial<Answer>): Answer {
  return { paragraphs: [], facts: [], links: [], asks: [], actions: [], note: undefined, ...fields };
}

/** The answer card, with the defaults of `answer`. */
export function answerCard(fields: Pick<Answer, 'title' | 'source'> & Partial<Answer>): AdaptiveCardJson {
  const { note, ...rest } = answer(fields);
  return renderCard('answer', { ...rest, note: note ?? '', verbs: { askQuestion: VERBS.askQuestion } });
}
