import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { answerCard } from '../answerCard.js';
import type { IntentHandler } from '../feature.js';
import { isLead } from '../leads/isLead.js';
import { leadsOnlyAnswer } from '../leads/leadsOnly.js';
import type { Intent } from '../questions/intents.js';
import { describeSchedule } from './describeSchedule.js';
import { recordingsAnswer } from './recordingsAnswer.js';
import { settingsCard } from './settingsCard.js';
import { webinarAnswer } from './webinarAnswer.js';
import { PAST_DATES } from './webinarDate.js';

const nextWebinar: IntentHandler = async ({ directory, webinars, webinarCalendarUrl }) => {
  const [next, schedule] = await Promise.all([webinars.next(), webinars.schedule()]);
  // The topic will be typed by the lead on a settings card: shown as typed, never as Markdown.
  const topic = next?.occurrence.topic === undefined ? undefined : escapeCardText(next.occurrence.topic);
  return answerCard(
    webinarAnswer(
      directory.network,
      next && {
        ...next,
        occurrence: { ...next.occurrence, topic },
        calendarUrl: webinarCalendarUrl,
        usually: schedule && describeSchedule(schedule),
      },
    ),
  );
};

/** When the next webinar is, the recordings of past ones, and the lead's settings card. */
export const webinarIntents = {
  webinar: nextWebinar,
  webinarRecordings: async ({ directory, webinars }) => {
    const [recordings, past] = await Promise.all([webinars.recordings(), webinars.past(PAST_DATES)]);
    const last = past.find((occurrence) => !occurrence.cancelled);
    return answerCard(recordingsAnswer(directory.network, { recordings, last }));
  },
  webinarSettings: async (deps, userId) => {
    if (!(await isLead(deps, userId))) return answerCard(leadsOnlyAnswer(deps.directory.network, 'Webinar settings'));
    return settingsCard(deps);
  },
} satisfies Partial<Record<Intent, IntentHandler>>;
