import { tokenise } from './phraseIndex.js';

/**
 * How a message names a workplace, which decides whether it may change what is saved:
 * - `stated`: the person says it is where they work ("I work at …", "I'm the MSO at …",
 *   "I've moved to …", "I'm at …", "our trust is …", "change my organisation to …");
 * - `nameOnly`: the message is the name and nothing more ("Leeds Teaching Hospitals", "RR8");
 * - `none`: anything else, such as a question about another organisation ("who is the MSO at
 *   Leeds?"), which is answered and never saved.
 * Decided from the words alone, whatever the intent classifier makes of the message.
 */
export type WorkplaceMention = 'stated' | 'nameOnly' | 'none';

/** Roles people give before "at": "I'm the MSO at", "I am a pharmacist in". */
const ROLE =
  '(?:(?:the|an?|one of the) )?(?:new )?(?:(?:mso|msos|medication safety officer|medicines safety officer|medication safety lead|(?:chief |lead |senior |clinical |ward )?pharmacist|pharmacy technician|technician|nurse|doctor) )?';
const AT = '(?:at|in|for|with|from|part of|based at|based in|employed by|working at|working in|working for)';
const PLACE_WORD = '(?:organisation|organization|org|trust|workplace|employer|hospital|icb|board|region)';

const STATEMENTS: readonly RegExp[] = [
  // "I work at", "I now work for", "I am working in", "I'm currently working at"
  /\bi (?:now |currently |also |still |actually )?(?:work|am (?:now |currently )?working)\b/,
  // "I'm the MSO at", "I am at", "I'm new at", "I'm based in", "I am a pharmacist with"
  new RegExp(`\\bi am (?:now |currently |actually |just )?(?:based |located )?${ROLE}${AT}\\b`),
  // "I've moved to", "I have just started at", "I joined", "I'm moving to" (not "started as an MSO")
  /\b(?:i|i have|i am) (?:just |recently |now )?(?:moved|started|joined|transferred|moving|starting|joining)\b(?! as\b)/,
  // "Just moved to …", "recently joined …" at the start
  /^ (?:just|recently|newly) (?:moved|started|joined|transferred)\b(?! as\b)/,
  // "our trust is", "my organisation is", "my trust: Leeds" (not "what region my trust is in")
  new RegExp(`\\b(?:our|my) ${PLACE_WORD} (?:is|=|-)(?! in\\b)`),
  // "change my organisation to", "set my trust", "update my region", "please update my details"
  new RegExp(`\\b(?:change|set|update|switch|save|make) (?:my|our) (?:${PLACE_WORD}|details|profile)\\b`),
];

/** Lower case, the contractions spelt out ("I'm" -> "i am"), possessives as plain words, punctuation as spaces. */
function normalise(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/'m\b/g, ' am')
    .replace(/'ve\b/g, ' have')
    .replace(/\b(it|that|what|who|here|there)'s\b/g, '$1 is')
    // Otherwise "'s" is a possessive: "our trust's error rate" says nothing about where one works.
    .replace(/'s\b/g, 's')
    .replace(/\bim\b/g, 'i am')
    .replace(/\bive\b/g, 'i have')
    .replace(/[^a-z0-9=:-]+/g, ' ')
    .replace(/\s*:\s*/g, ' = ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** True when the text says where the person works, in one of the shapes above. */
export function statesWorkplace(text: string): boolean {
  const said = normalise(text);
  return STATEMENTS.some((pattern) => pattern.test(said));
}

/**
 * Words that may stand beside a name that is given alone ("the Leeds Teaching Hospitals trust",
 * "at RR8", "London region").
 */
const AROUND_A_NAME = new Set([
  'the',
  'nhs',
  'trust',
  'trusts',
  'ft',
  'foundation',
  'icb',
  'hospital',
  'hospitals',
  'region',
  'of',
  'and',
  'at',
  'ok',
  'okay',
  'yes',
  'england',
]);

/**
 * True when nothing is left of the words once those naming the place and the words above are
 * set aside. `text`: with a question mark it is a question ("RR8?"), not a name given.
 */
export function isNameOnly(text: string, nameWords: ReadonlySet<string>): boolean {
  const words = tokenise(text);
  return (
    !text.includes('?') && words.length > 0 && words.every((word) => nameWords.has(word) || AROUND_A_NAME.has(word))
  );
}

/** A clause about where the person used to work: "I'm no longer at …", "I used to work at …", "I left …". */
const FORMER_WORKPLACE = /\b(?:no longer|not any ?more|used to|previously|formerly|left|leaving)\b/i;

/** Where one clause of a message ends: punctuation, or a dash between words. */
const CLAUSE_END = /[,.;!?]+|\s[-–—]\s/;

/** Where a clause about a workplace ends: as above, and at "but" and "and I …". */
const WORKPLACE_CLAUSE_END = new RegExp(`${CLAUSE_END.source}|\\s+but\\s+|\\s+and\\s+(?=i\\b|i'|now\\b)`, 'i');

/**
 * The text without what it says about a former workplace, so that "I used to work at Leeds
 * Teaching Hospitals but I've moved to the Christie" names the Christie, and "moved from Leeds
 * to Bristol" names Bristol. The text itself when it says nothing about a former one.
 */
export function withoutFormerWorkplace(text: string): string {
  const clauses = text.split(WORKPLACE_CLAUSE_END);
  const kept = clauses
    .filter((clause) => !FORMER_WORKPLACE.test(clause))
    .map((clause) => clause.replace(/\bfrom\s+.+?\s+(?=to\b)/i, ''));
  const rest = kept.join(', ').trim();
  return rest && (kept.length < clauses.length || kept.some((clause, n) => clause !== clauses[n])) ? rest : text;
}

/**
 * What else a message that says where the person works asks: its other clauses ("I'm new at
 * Leeds Teaching Hospitals and want a buddy" -> "want a buddy"), or nothing. A clause that is
 * only part of the name ("… the Norfolk and Norwich") is not another question.
 */
export function otherClauses(text: string, nameWords: ReadonlySet<string>): string {
  return text
    .split(CLAUSE_END)
    .flatMap((clause) => (statesWorkplace(clause) ? clause.split(/\s+(?:and|but|so)\s+/i).slice(1) : [clause]))
    .filter(
      (clause) =>
        tokenise(clause).length > 0 &&
        !statesWorkplace(clause) &&
        !FORMER_WORKPLACE.test(clause) &&
        !isNameOnly(clause, nameWords),
    )
    .join(', ')
    .trim();
}

/** "undo", "that's wrong", "not where I work", typed rather than pressed (on normalised words). */
const CORRECTION = new RegExp(
  `^ (?:undo(?: that| it)?|that is wrong|wrong (?:${PLACE_WORD}|place)|not where i work|i don t work there) $`,
);

/** True when the message only asks to correct where the person works. */
export function correctsWorkplace(text: string): boolean {
  return CORRECTION.test(normalise(text));
}
