import { randomBytes } from 'node:crypto';
import { formatFullUkDateTime, formatUkDate } from '../../platform/ukDateTime.js';
import { escapeCardParagraphs, escapeCardText } from '../../platform/cards/escapeCardText.js';
import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { answerCard } from '../answerCard.js';
import type { NetworkDirectory } from '../directory/networkDirectory.js';
import { VERBS } from '../verbs.js';
import { LINKS_MAX, type AnswerErrors, type AnswerValues } from './answerForm.js';
import type { TaughtAnswer } from './taughtAnswers.js';

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    taughtAnswerList: {
      message: string;
      /** Titles and summaries escaped. */
      answers: readonly { id: string; title: string; summary: string }[];
      verbs: { edit: string; remove: string };
    };
    taughtAnswerForm: {
      heading: string;
      message: string;
      messageColour: 'Attention' | 'Good' | 'Default';
      answerId: string;
      /** The version the form was made from, '0' for a new answer: a save over a later one is refused. */
      version: string;
      values: Omit<AnswerValues, 'links'>;
      links: readonly { titleId: string; urlId: string; title: string; url: string }[];
      errors: Record<keyof AnswerErrors, string>;
      verbs: { save: string };
    };
  }
}

registerCardTemplates('answers', ['taughtAnswerList', 'taughtAnswerForm']);

/** A new answer's id, made when its form is shown so that a double click saves one answer. */
export function newAnswerId(): string {
  return `a${randomBytes(6).toString('hex')}`;
}
export const ANSWER_ID_PATTERN = /^a[0-9a-f]{12}$/;

/** The leads' list of taught answers, with adding, changing and removing. */
export function answerListCard(answers: readonly TaughtAnswer[], message = ''): AdaptiveCardJson {
  return renderCard('taughtAnswerList', {
    message,
    answers: answers.map((answer) => ({
      id: answer.id,
      title: escapeCardText(answer.title, 80),
      summary: `Version ${String(answer.version)}, ${escapeCardText(answer.updatedByName, 80)}, ${formatFullUkDateTime(answer.updatedAt)}`,
    })),
    verbs: { edit: VERBS.editTaughtAnswer, remove: VERBS.removeTaughtAnswer },
  });
}

export interface AnswerFormOptions {
  answerId: string;
  /** The version being changed; undefined for a new answer. */
  version: number | undefined;
  values: AnswerValues;
  errors?: AnswerErrors;
  message?: string;
  saved?: boolean;
}

/** The form for one answer, with what was typed kept and a message at each field to fix. */
export function answerFormCard({ answerId, version, values, errors = {}, message, saved }: AnswerFormOptions) {
  const problems = Object.keys(errors).length;
  return renderCard('taughtAnswerForm', {
    heading: version === undefined ? 'Teach the bot an answer' : 'Change a taught answer',
    message:
      problems > 0
        ? `Please check the ${problems === 1 ? 'field' : `${String(problems)} fields`} marked below. Nothing was saved.`
        : (message ?? ''),
    messageColour: problems > 0 ? 'Attention' : saved ? 'Good' : 'Default',
    answerId,
    version: String(version ?? 0),
    values: { title: values.title, text: values.text, examples: values.examples },
    links: Array.from({ length: LINKS_MAX }, (_, i) => ({
      titleId: `linkTitle${String(i + 1)}`,
      urlId: `linkUrl${String(i + 1)}`,
      title: values.links[i]?.title ?? '',
      url: values.links[i]?.url ?? '',
    })),
    errors: { title: '', text: '', examples: '', links: '', ...errors },
    verbs: { save: VERBS.saveTaughtAnswer },
  });
}

/** A taught answer as an MSO sees it: the lead's words, their links, and a way to ask the lead. */
export function taughtAnswerCard(network: NetworkDirectory, answer: TaughtAnswer): AdaptiveCardJson {
  return answerCard({
    title: escapeCardText(answer.title, 80),
    paragraphs: escapeCardParagraphs(answer.text, 1500).split(/\n\n+/),
    links: answer.links,
    asks: [{ title: 'Ask the national lead', intent: 'askLead' }],
    note: `Answered by the national MSO network lead, ${formatUkDate(answer.updatedAt)}`,
    source: network.source,
  });
}
