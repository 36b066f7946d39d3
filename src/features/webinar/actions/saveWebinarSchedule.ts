import { checkSchedule, readOccurrenceValues, readScheduleValues } from '../settingsForm.js';
import { isLead } from '../../leads/isLead.js';
import { VERBS } from '../../verbs.js';
import { settingsCard } from '../webinarCards.js';
import { afterWebinarEdit } from '../afterWebinarEdit.js';
import type { CardAction } from '../../cardAction.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';

/** The lead saves the webinar schedule; problems come back at their fields and the old schedule stays. */
export const saveWebinarSchedule: CardAction = {
  verb: VERBS.saveWebinarSchedule,
  async handle({ request, deps, data }) {
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const values = readScheduleValues(data);
    const change = readOccurrenceValues(data);
    const checked = checkSchedule(values);
    if (!checked.ok) {
      return {
        kind: 'card',
        card: await settingsCard(deps, {
          schedule: values,
          change,
          errors: checked.errors,
          message: 'Nothing was saved: check the fields marked below.',
        }),
      };
    }
    const now = new Date();
    await deps.storage.webinarSettings.saveSchedule(checked.value, request.person.aadObjectId ?? '', now);
    const actor = request.person.aadObjectId ?? '';
    await afterWebinarEdit(deps, { actor, action: 'webinar.schedule', subject: 'webinar', related: undefined }, now);
    deps.logger.info({ outcome: 'webinar_schedule_saved' }, 'webinar settings');
    return {
      kind: 'card',
      card: await settingsCard(deps, { message: 'Saved. The next dates below follow the new schedule.', good: true }),
    };
  },
};
