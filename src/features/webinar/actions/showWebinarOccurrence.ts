import type { CardAction } from '../../cardAction.js';
import { isLead } from '../../leads/isLead.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';
import { VERBS } from '../../verbs.js';
import { settingsCard } from '../settingsCard.js';
import { readOccurrenceValues, readScheduleValues } from '../settingsForm.js';
import { findWebinarDate } from '../webinarDate.js';

/**
 * "Show this date": the card again with the chosen date's own topic, link, cancellation and
 * recording filled in, so the lead sees where it stands before changing it. A card cannot react
 * to a new choice by itself, hence the button. Nothing is saved; what was typed in the schedule stays.
 */
export const showWebinarOccurrence: CardAction = {
  verb: VERBS.showWebinarOccurrence,
  async handle({ request, deps, data }) {
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const schedule = readScheduleValues(data);
    const { occurrenceId } = readOccurrenceValues(data);
    const now = new Date();
    const date = await findWebinarDate(deps.webinars, occurrenceId, now);
    if (!date) {
      return {
        kind: 'card',
        card: await settingsCard(
          deps,
          {
            schedule,
            errors: { occurrenceId: 'That date is no longer on the schedule: choose one of the dates listed.' },
          },
          now,
        ),
      };
    }
    return { kind: 'card', card: await settingsCard(deps, { schedule, date: date.occurrence.id }, now) };
  },
};
