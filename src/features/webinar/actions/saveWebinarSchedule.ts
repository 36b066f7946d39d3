import type { CardAction } from '../../cardAction.js';
import { isLead } from '../../leads/isLead.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';
import { VERBS } from '../../verbs.js';
import { afterWebinarEdit } from '../afterWebinarEdit.js';
import { describeSchedule } from '../describeSchedule.js';
import { settingsCard } from '../settingsCard.js';
import { checkSchedule, readOccurrenceValues, readScheduleValues } from '../settingsForm.js';

/** The lead saves the webinar schedule; problems come back at their fields and the old schedule stays. */
export const saveWebinarSchedule: CardAction = {
  verb: VERBS.saveWebinarSchedule,
  async handle({ request, deps, data }) {
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const values = readScheduleValues(data);
    const checked = checkSchedule(values);
    if (!checked.ok) {
      return {
        kind: 'card',
        card: await settingsCard(deps, {
          schedule: values,
          // What was typed for one date stays too; what it is compared with is read again.
          change: readOccurrenceValues(data),
          errors: checked.errors,
          message: 'Nothing was saved: check the fields marked below.',
        }),
      };
    }
    const now = new Date();
    const actor = request.person.aadObjectId ?? '';
    const summary = describeSchedule(checked.value);
    await deps.storage.webinarSettings.saveSchedule(checked.value, actor, now);
    const corrected = await afterWebinarEdit(
      deps,
      { actor, action: 'webinar.schedule', subject: 'webinar', related: undefined, detail: { summary } },
      now,
    );
    deps.logger.info({ outcome: 'webinar_schedule_saved' }, 'webinar settings');
    return {
      kind: 'card',
      card: await settingsCard(deps, {
        message: `Saved: ${summary}. The next dates below follow it.${corrected > 0 ? ' Reminders already sent for a date that changed are being updated where they were delivered.' : ''}`,
        good: true,
      }),
    };
  },
};
