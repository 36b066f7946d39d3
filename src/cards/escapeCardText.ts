/**
 * Makes text someone typed safe to show in a TextBlock: Teams renders a Markdown subset there,
 * so a name like "**urgent** [click](https://…)" must show as typed, not as formatting or a link.
 * Also cuts it to a length that fits a card.
 */
export function escapeCardText(text: string, maxLength = 200): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  const cut = trimmed.length > maxLength ? `${trimmed.slice(0, maxLength - 1)}…` : trimmed;
  return cut.replace(/[\\`*_[\]()#<>~|]/g, (character) => `\\${character}`);
}
