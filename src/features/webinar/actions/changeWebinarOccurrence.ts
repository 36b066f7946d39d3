import { formatWebinarTime } from '../index.js';
import { checkOccurrenceChange, readOccurrenceValues, readScheduleValues } from '../settingsForm.js';
import { isLead } from '../../leads/isLead.js';
import { VERBS } from '../../verbs.js';
import { settingsCard } from '../webinarCards.js';
import { afterWebinarEdit } from '../afterWebinarEdit.js';
import type { CardAction } from '../../cardAction.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';

/** The lead changes one date: its topic, its link, or cancels it. The schedule itself is untouched. */
export const changeWebinarOccurrence: CardAction = {
  verb: VERBS.changeWebinarOccurrence,
  async handle({ request, deps, data }) {
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const change = readOccurrenceValues(data);
    const schedule = readScheduleValues(data);
    const checked = checkOccurrenceChange(change);
    const keep = { schedule, change, message: 'Nothing was saved: check the fields marked below.' };
    if (!checked.ok) return { kind: 'card', card: await settingsCard(deps, { ...keep, errors: checked.errors }) };
    const occurrence = await deps.webinars.find(checked.value.occurrenceId);
    if (!occurrence || occurrence.start.getTime() <= Date.now()) {
      return {
        kind: 'card',
        card: await settingsCard(deps, {
          ...keep,
          errors: { occurrenceId: 'That date is no longer on the schedule: choose one of the dates listed.' },
        }),
      };
    }
    const now = new Date();
    await deps.storage.webinarSettings.saveChange(checked.value, request.person.aadObjectId ?? '', now);
    const related = checked.value.cancelled ? 'cancelled' : undefined;
    const actor = request.person.aadObjectId ?? '';
    await afterWebinarEdit(deps, { actor, action: 'webinar.change', subject: occurrence.id, related }, now);
    deps.logger.info(
      { outcome: 'webinar_occurrence_changed', occurrenceId: occurrence.id, cancelled: checked.value.cancelled },
      'webinar settings',
    );
    const what = checked.value.cancelled ? 'is cancelled: no reminders go out for it' : 'is changed';
    return {
      kind: 'card',
      card: await settingsCard(deps, {
        message: `Saved: the webinar on ${formatWebinarTime(occurrence)} ${what}.`,
        good: true,
      }),
    };
  },
};
