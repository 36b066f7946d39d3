const MENTION = /<at>[^<]*<\/at>|^\s*@?\s*mso\s+network\b[\s,:!-]*/gi;
const LEADING_GREETING =
  /^\s*(hi|hello|hey|hiya|morning|afternoon|good (morning|afternoon|evening)|thanks|thank you)\b[\s,.!:-]*/i;
const POLITENESS = /\b(please|pls|plz|thanks|thank you|cheers)\b/gi;

/**
 * Sets aside what carries no intent: an @mention of the bot, a greeting in front of a request,
 * politeness. A greeting on its own is kept, since "hi" means "what can you do?".
 */
export function prepareText(text: string): string {
  const withoutMention = withoutMentions(text);
  const withoutGreeting = withoutMention.replace(LEADING_GREETING, '').trim();
  const request = withoutGreeting.replace(POLITENESS, ' ').replace(/\s+/g, ' ').trim();
  return request || withoutMention;
}

/** The text without an @mention of the bot. */
export function withoutMentions(text: string): string {
  return text.replace(MENTION, ' ').trim();
}
