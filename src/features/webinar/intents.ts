import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { answerCard } from '../answerCard.js';
import type { IntentHandler } from '../feature.js';
import { isLead } from '../leads/isLead.js';
import type { Intent } from '../questions/intents.js';
import { settingsCard } from './webinarCards.js';
import { webinarAnswer } from './webinarAnswer.js';
import { leadsOnlyAnswer } from '../leads/leadsOnly.js';

const nextWebinar: IntentHandler = async ({ directory, webinars, webinarCalendarUrl }) => {
  const next = await webinars.next();
  // The topic will be typed by the lead on a settings card: shown as typed, never as Markdown.
  const topic = next?.occurrence.topic === undefined ? undefined : escapeCardText(next.occurrence.topic);
  return answerCard(
    webinarAnswer(
      directory.network,
      next && { ...next, occurrence: { ...next.occurrence, topic }, calendarUrl: webinarCalendarUrl },
    ),
  );
};

/** When the next webinar is, and the lead's settings card. */
export const webinarIntents = {
  webinar: nextWebinar,
  // Until recordings are kept, the next webinar's card answers.
  webinarRecordings: nextWebinar,
  webinarSettings: async (deps, userId) => {
    if (!(await isLead(deps, userId))) return answerCard(leadsOnlyAnswer(deps.directory.network, 'Webinar settings'));
    return settingsCard(deps);
  },
} satisfies Partial<Record<Intent, IntentHandler>>;
