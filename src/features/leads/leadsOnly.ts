import { answer, type Answer } from '../answerCard.js';
import { refuse } from '../cardAction.js';
import { contactLinks } from '../directory/answers.js';
import type { NetworkDirectory } from '../directory/networkDirectory.js';

/** A lead's card action clicked by someone else: decided from the caller's Entra id, never from the card. */
export const LEADS_ONLY = refuse.forbidden('Only the national MSO network lead and deputies can do this.');

/** The answer to a question only the national lead and deputies may ask, with how to reach the lead. */
export function leadsOnlyAnswer(directory: NetworkDirectory, title: string): Answer {
  return answer({
    title,
    paragraphs: ['Only the national MSO network lead and deputies can see this.'],
    links: contactLinks(directory.nationalLead.person, 'the national lead'),
    source: directory.source,
  });
}
