import { z } from 'zod';
import { stripInvisible } from '../../platform/cards/escapeCardText.js';
import type { AskErrors, AskValues } from './supportCards.js';
import { SUPPORT_TEXT_MAX, SUPPORT_TOPIC_IDS, type SupportTopic } from './supportScheme.js';

/** What the ask card sent, as text (anything else reads as empty), so the card can be shown again as typed. */
export function readAskValues(data: Readonly<Record<string, unknown>>): AskValues {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { question: text(data.question).slice(0, SUPPORT_TEXT_MAX * 2), topic: text(data.topic) };
}

export type CheckedAsk = { ok: true; question: string; topic: SupportTopic } | { ok: false; errors: AskErrors };

const topic = z.enum(SUPPORT_TOPIC_IDS);

/** A question to send: some words, within the limit, and one of the topics. */
export function checkAsk(values: AskValues): CheckedAsk {
  const question = stripInvisible(values.question).trim();
  const errors: AskErrors = {};
  if (!question) errors.question = 'Write your question.';
  else if (question.length > SUPPORT_TEXT_MAX)
    errors.question = `Keep the question to ${SUPPORT_TEXT_MAX.toLocaleString('en-GB')} characters (it has ${question.length.toLocaleString('en-GB')}).`;
  const chosen = topic.safeParse(values.topic);
  if (!chosen.success) errors.topic = 'Choose what the question is about.';
  return chosen.success && Object.keys(errors).length === 0
    ? { ok: true, question, topic: chosen.data }
    : { ok: false, errors };
}

/**
 * The message for the card's question box, as typed: "can I ask the national lead whether
 * deputies can come to the webinar" reads well to the lead. Empty when it is only the request to
 * ask ("ask the national lead", "I need support with this").
 */
export function questionFromMessage(text: string): string {
  const rest = text
    .replace(ASK_LEAD_LEAD_IN, '')
    .replace(/^[\s,:;.!?-]+/, '')
    .trim();
  return rest.split(/\s+/).filter(Boolean).length >= 3 ? text.trim() : '';
}

/**
 * "ask the national lead whether …", "I need support with …": asking the lead, whatever follows.
 * Not when it asks who to go to ("I need help with X, who should I contact?"): that is the
 * national lead's card, which has the same button.
 */
export function asksTheLead(text: string): boolean {
  return (ASK_LEAD_LEAD_IN.test(text) || NEED_SUPPORT_WITH.test(text)) && !/\bwho\b/i.test(text);
}

const NEED_SUPPORT_WITH =
  /^\s*i(?:'d| would)? (?:need|want|like) (?:some )?(?:support|help|advice) (?:with|on|about) \S/i;

const ASK_LEAD_LEAD_IN =
  /^\s*(?:(?:can|could) (?:you|i) |i(?:'d| would) like to |i want to |please )?(?:ask|send (?:a question|questions|my question) to) (?:the )?(?:national )?(?:mso )?(?:network )?lead(?:s)?(?: (?:about|whether|if|that|how|why|what|when))?/i;
