/**
 * Makes text someone typed safe to show in a TextBlock: Teams renders a Markdown subset there,
 * so a name like "**urgent** [click](https://…)" must show as typed, not as formatting or a link.
 * Also cuts it to a length that fits a card.
 */
export function escapeCardText(text: string, maxLength = 200): string {
  const trimmed = stripInvisible(text).replace(/\s+/g, ' ').trim();
  const cut = trimmed.length > maxLength ? `${trimmed.slice(0, maxLength - 1)}…` : trimmed;
  return cut.replace(/[\\`*_[\]()#<>~|]/g, (character) => `\\${character}`);
}

/**
 * Direction overrides and isolates (U+202A-U+202E, U+2066-U+2069, the marks U+200E, U+200F, U+061C)
 * can make text read backwards ("gpj.exe" shown as "exe.jpg"); control characters have no place
 * in a card. Both are removed.
 */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Like escapeCardText, for text whose line breaks matter (a question, an answer): each line is
 * escaped and the breaks kept, blank runs shortened to one empty line, the whole cut to length.
 */
export function escapeCardParagraphs(text: string, maxLength = 2000): string {
  const cut = stripInvisible(text).trim().slice(0, maxLength);
  return cut
    .split(/\r?\n/)
    .map((line) => escapeCardText(line, maxLength))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
