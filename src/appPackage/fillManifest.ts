import { PackagingError } from './packagingError.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}$/;

/**
 * Fills `${{NAME}}` placeholders in a manifest template. A string that is only a placeholder
 * takes the value whole (so `"${{COMMAND_LISTS}}"` can become an array); inside a longer string
 * the value must be text. Throws a PackagingError naming every placeholder left unfilled.
 */
export function fillManifest(
  template: JsonValue,
  values: Readonly<Record<string, JsonValue>>,
  source = 'the manifest template',
): JsonValue {
  const unfilled = new Set<string>();

  const fillString = (text: string): JsonValue => {
    const whole = WHOLE_PLACEHOLDER.exec(text);
    if (whole?.[1] !== undefined) {
      const value = values[whole[1]];
      if (value === undefined) unfilled.add(whole[1]);
      return value ?? text;
    }
    return text.replace(PLACEHOLDER, (match, name: string) => {
      const value = values[name];
      if (typeof value === 'string') return value;
      if (value === undefined) unfilled.add(name);
      else
        throw new PackagingError(
          `Placeholder \${{${name}}} in ${source} stands inside text, but its value is not text`,
        );
      return match;
    });
  };

  const fill = (node: JsonValue): JsonValue => {
    if (typeof node === 'string') return fillString(node);
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };

  const filled = fill(template);
  if (unfilled.size > 0) {
    const names = [...unfilled].map((name) => `\${{${name}}}`).join(', ');
    throw new PackagingError(`Unfilled placeholder${unfilled.size > 1 ? 's' : ''} in ${source}: ${names}`);
  }
  // Catches what the pattern does not (a misspelt placeholder such as `${{BOT-ID}}`).
  const leftover = /\$\{\{[^}]*\}\}?/.exec(JSON.stringify(filled));
  if (leftover) throw new PackagingError(`Unfilled placeholder in ${source}: ${leftover[0]}`);
  return filled;
}
