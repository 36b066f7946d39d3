import { distance } from 'fastest-levenshtein';

/** Words that carry the small talk: thanks, praise, acknowledgement, goodbye. */
const THANKS = ['thanks', 'thank', 'thankyou', 'thx', 'ty', 'cheers', 'ta', 'appreciated', 'appreciate'];
const PRAISE = [
  'great',
  'brilliant',
  'brill',
  'perfect',
  'lovely',
  'super',
  'awesome',
  'excellent',
  'fab',
  'fantastic',
  'amazing',
  'wonderful',
  'nice',
  'cool',
  'good',
  'ace',
  'helpful',
  'useful',
  'spot',
];
const ACKNOWLEDGEMENT = ['ok', 'okay', 'k', 'noted', 'sure', 'fine', 'understood', 'gotcha', 'got'];
const GOODBYE = ['bye', 'goodbye', 'cya', 'later', 'farewell'];
const CORE = new Set([...THANKS, ...PRAISE, ...ACKNOWLEDGEMENT, ...GOODBYE]);
/** Words that may go with them ("thanks so much for the help", "that was really useful, bot"). */
const AROUND = new Set([
  'you',
  'so',
  'very',
  'really',
  'much',
  'a',
  'lot',
  'lots',
  'many',
  'for',
  'the',
  'that',
  'thats',
  'this',
  'was',
  'is',
  'it',
  'its',
  'all',
  'everything',
  'help',
  'info',
  'bot',
  'mso',
  'network',
  'one',
  'on',
  'job',
  'see',
  'ya',
  'again',
  'just',
  'what',
  'i',
  'needed',
  'need',
  'wanted',
  'will',
  'do',
  'and',
  'oh',
  'ah',
  'yes',
  'yeah',
  'yep',
]);

/** The word itself, or the core word it was typed for ("brillaint" is "brilliant"). */
function asCore(word: string): string | undefined {
  if (CORE.has(word)) return word;
  const slips = word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
  if (slips === 0) return undefined;
  return [...CORE].find((core) => Math.abs(core.length - word.length) <= slips && distance(core, word) <= slips);
}

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean);

/**
 * True when the message is only thanks, praise, an acknowledgement or a goodbye, with nothing
 * asked ("thanks", "brilliant, thank you so much", "ok cheers", "bye"). Read before politeness
 * is set aside, since "thanks" is the whole message here.
 */
export function isSmallTalk(text: string): boolean {
  const said = words(text);
  return (
    said.length > 0 &&
    said.length <= 12 &&
    said.some((word) => asCore(word)) &&
    said.every((word) => AROUND.has(word) || asCore(word))
  );
}

/** "thanks", "great", "bye": a short reply in kind. */
export function smallTalkReply(text: string): string {
  const said = words(text).map((word) => asCore(word) ?? word);
  if (said.some((word) => THANKS.includes(word)))
    return 'You are welcome. Ask me anything else about MSO support whenever you need it.';
  if (said.some((word) => GOODBYE.includes(word))) return 'Goodbye. I am here whenever you need me.';
  return 'Glad to help. Ask me anything else about MSO support, or see what I can do.';
}
