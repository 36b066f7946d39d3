import { isHttpsUrl } from '../../platform/httpsUrl.js';
import { stripInvisible } from '../../platform/cards/escapeCardText.js';
import type { TaughtLink } from './taughtAnswers.js';

export const TITLE_MAX = 80;
export const TEXT_MAX = 1500;
export const EXAMPLE_MAX = 150;
export const EXAMPLES_MAX = 10;
export const LINKS_MAX = 3;

/** What the answer card sent, as text, so it can be shown again as typed. */
export interface AnswerValues {
  title: string;
  text: string;
  examples: string;
  links: { title: string; url: string }[];
}
export type AnswerErrors = Partial<Record<'title' | 'text' | 'examples' | 'links', string>>;

export function readAnswerValues(data: Readonly<Record<string, unknown>>): AnswerValues {
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 5000) : '');
  return {
    title: text(data.title),
    text: text(data.text),
    examples: text(data.examples),
    links: Array.from({ length: LINKS_MAX }, (_, i) => ({
      title: text(data[`linkTitle${String(i + 1)}`]),
      url: text(data[`linkUrl${String(i + 1)}`]),
    })),
  };
}

export interface CheckedAnswer {
  title: string;
  text: string;
  examples: string[];
  links: TaughtLink[];
}

/** A title, an answer, https links with titles, and at most 10 short example phrasings (one per line). */
export function checkAnswer(
  values: AnswerValues,
): { ok: true; answer: CheckedAnswer } | { ok: false; errors: AnswerErrors } {
  const clean = (value: string) => stripInvisible(value).trim();
  const title = clean(values.title).replace(/\s+/g, ' ');
  const text = clean(values.text);
  const examples = clean(values.examples)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const errors: AnswerErrors = {};
  if (title.length < 3)
    errors.title = 'Give the answer a short title of at least 3 characters, such as "Webinar recordings".';
  else if (title.length > TITLE_MAX) errors.title = `Keep the title to ${String(TITLE_MAX)} characters.`;
  if (!text) errors.text = 'Write the answer MSOs will see.';
  else if (text.length > TEXT_MAX) errors.text = `Keep the answer to ${TEXT_MAX.toLocaleString('en-GB')} characters.`;
  if (examples.length > EXAMPLES_MAX) errors.examples = `Give at most ${String(EXAMPLES_MAX)} phrasings, one per line.`;
  else if (examples.some((example) => example.length > EXAMPLE_MAX))
    errors.examples = `Keep each phrasing to ${String(EXAMPLE_MAX)} characters.`;
  const links: TaughtLink[] = [];
  for (const [i, link] of values.links.entries()) {
    const linkTitle = clean(link.title);
    const url = clean(link.url);
    if (!linkTitle && !url) continue;
    const which = `Link ${String(i + 1)}`;
    if (!linkTitle || !url) errors.links ??= `${which} needs both a title and an address.`;
    else if (!isHttpsUrl(url)) errors.links ??= `${which}: give an address starting https://`;
    else if (linkTitle.length > TITLE_MAX)
      errors.links ??= `${which}: keep its title to ${String(TITLE_MAX)} characters.`;
    else links.push({ title: linkTitle, url });
  }
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, answer: { title, text, examples, links } };
}

/** The card's values for an answer being edited. */
export function valuesOf(answer: CheckedAnswer): AnswerValues {
  return {
    title: answer.title,
    text: answer.text,
    examples: answer.examples.join('\n'),
    links: Array.from({ length: LINKS_MAX }, (_, i) => answer.links[i] ?? { title: '', url: '' }),
  };
}
