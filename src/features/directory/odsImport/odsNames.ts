/** Words written in lower case inside an organisation's name. */
const SMALL_WORDS = new Set(['and', 'of', 'for', 'upon', 'the', 'at', 'on', 'in', 'with']);
/** Words ODS writes in capitals that stay so. */
const CAPITALS = new Set(['NHS', 'ICB', 'UK']);

/**
 * An ODS name (upper case) in the form organisations write it: "GUY'S AND ST THOMAS' NHS
 * FOUNDATION TRUST" -> "Guy's and St Thomas' NHS Foundation Trust".
 */
export function titleCase(odsName: string): string {
  return odsName
    .trim()
    .split(/\s+/)
    .map((word, index) => {
      if (CAPITALS.has(word)) return word;
      const lower = word.toLowerCase();
      if (index > 0 && SMALL_WORDS.has(lower)) return lower;
      return lower.replace(/(^|[-(/])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
    })
    .join(' ');
}

/** The same name however it is cased or spaced. */
export function sameName(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim().toUpperCase() === b.replace(/\s+/g, ' ').trim().toUpperCase();
}

/** "NHS Central East Integrated Care Board" -> "Central East": how people name an ICB. */
export function icbShortName(name: string): string {
  return name
    .replace(/^NHS\s+/i, '')
    .replace(/\s+Integrated Care Board$/i, '')
    .trim();
}
