import type { CardAction, CardActionResult } from '../../cardAction.js';
import { isLead } from '../../leads/isLead.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';
import { VERBS } from '../../verbs.js';
import { afterWebinarEdit } from '../afterWebinarEdit.js';
import { changeOf, dayOf, describeDateEdit, fieldsOf, settleDateEdit, shownFieldsOf } from '../dateChange.js';
import { settingsCard, type SettingsCardState } from '../settingsCard.js';
import {
  checkOccurrenceChange,
  readOccurrenceValues,
  readScheduleValues,
  readShownValues,
  type ShownValues,
} from '../settingsForm.js';
import { findWebinarDate } from '../webinarDate.js';
import type { BotDeps } from '../../botDeps.js';

/** Why the card is shown again with nothing saved. */
function whyNotSaved(shown: ShownValues, occurrenceId: string, past: boolean): string | undefined {
  if (shown.shownOccurrenceId !== '' && shown.shownOccurrenceId !== occurrenceId) {
    return `Nothing was saved: the fields showed the webinar of ${dayOf(shown.shownOccurrenceId)}, not ${dayOf(occurrenceId)}. Here is ${dayOf(occurrenceId)} as it stands: make the change and save again.`;
  }
  if (past && shown.shownPast !== 'true') {
    return `Nothing was saved: the webinar of ${dayOf(occurrenceId)} has begun since the card was made, so it can no longer be changed or cancelled. A recording link can be added below.`;
  }
  return undefined;
}

const cardOf = async (
  deps: Pick<BotDeps, 'webinars'>,
  state: SettingsCardState,
  now: Date,
): Promise<CardActionResult> => ({ kind: 'card', card: await settingsCard(deps, state, now) });

/**
 * The lead saves one date: its own topic or link, its cancellation, or (once it has taken place)
 * its recording link. Only what the lead changed from what the card showed is changed, so a
 * cancellation stays unless its toggle was changed; the schedule itself is untouched.
 */
export const changeWebinarOccurrence: CardAction = {
  verb: VERBS.changeWebinarOccurrence,
  async handle({ request, deps, data }) {
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const now = new Date();
    const values = readOccurrenceValues(data);
    const shown = readShownValues(data);
    const keep = {
      schedule: readScheduleValues(data),
      change: values,
      shown,
      message: 'Nothing was saved: check the fields marked below.',
      messageAt: 'date' as const,
    };
    const checked = checkOccurrenceChange(values);
    if (!checked.ok) return cardOf(deps, { ...keep, errors: checked.errors }, now);
    const { occurrenceId } = checked.value;
    const date = await findWebinarDate(deps.webinars, occurrenceId, now);
    if (!date) {
      const errors = { occurrenceId: 'That date is no longer on the schedule: choose one of the dates listed.' };
      return cardOf(deps, { ...keep, errors }, now);
    }
    const refused = whyNotSaved(shown, occurrenceId, date.past);
    const at = { schedule: keep.schedule, date: occurrenceId, messageAt: 'date' as const };
    if (refused) return cardOf(deps, { ...at, message: refused }, now);

    // Compared with storage as it is now, not as this instance last read it.
    const stored = fieldsOf(
      (await deps.storage.webinarSettings.load()).changes.find((change) => change.occurrenceId === occurrenceId),
    );
    const settled = settleDateEdit({
      stored,
      shown: shownFieldsOf(shown),
      typed: fieldsOf(checked.value),
      past: date.past,
    });
    if (!settled.ok) return cardOf(deps, { ...keep, errors: settled.errors }, now);
    const message = describeDateEdit(occurrenceId, stored, settled.next, settled.changed);
    if (settled.changed.length === 0)
      return cardOf(deps, { schedule: keep.schedule, date: occurrenceId, message }, now);

    const actor = request.person.aadObjectId ?? '';
    await deps.storage.webinarSettings.replaceChange(changeOf(occurrenceId, settled.next), actor, now);
    const corrected = await afterWebinarEdit(
      deps,
      {
        actor,
        action: 'webinar.change',
        subject: occurrenceId,
        related: settled.next.cancelled ? 'cancelled' : undefined,
        detail: { date: occurrenceId.slice(0, 10), change: settled.changed.join(',') },
      },
      now,
    );
    deps.logger.info(
      { outcome: 'webinar_occurrence_changed', occurrenceId, changed: settled.changed.join(',') },
      'webinar settings',
    );
    const told =
      corrected > 0
        ? `${message} The reminders already sent for it are being updated where they were delivered.`
        : message;
    return cardOf(deps, { ...at, message: told, good: true }, now);
  },
};
