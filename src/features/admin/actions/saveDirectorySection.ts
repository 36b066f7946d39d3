import { followSaved } from '../../directory/directorySync.js';
import { z } from 'zod';
import { escapeCardText } from '../../../platform/cards/escapeCardText.js';
import { readCardInputs } from '../../../platform/cards/readCardInputs.js';
import { formatFullUkDateTime } from '../../../platform/ukDateTime.js';
import { refuse, type CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { sectionCard } from '../adminCards.js';
import {
  allFields,
  applySection,
  sectionHash,
  sectionIdSchema,
  sectionSpec,
  sectionValues,
} from '../directorySections.js';
import { knownPeople, pickedPerson } from '../knownPeople.js';
import { afterDirectorySave, editableSections, mayEdit } from '../sectionEditor.js';

const data = z.object({ section: sectionIdSchema, sectionHash: z.string().max(64) });

/** Two leads saving at once: the loser re-reads and, if the section itself did not change, saves over the winner's. */
const ATTEMPTS = 3;

/**
 * *Save* on a section's edit card: checked with the directory file's rules, written as a new
 * version over what was read. If someone saved this section meanwhile, nothing is written and
 * the card shows their values beside the typed ones.
 */
export const saveDirectorySection: CardAction = {
  verb: VERBS.saveDirectorySection,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success)
      return refuse.badRequest('This card is out of date. Type "directory settings" to start again.');
    const { section } = parsed.data;
    let current = await deps.storage.directory.current();
    await followSaved(deps.storage.directory, deps.directory, current);
    const editor = await editableSections(deps, request.person);
    if (!mayEdit(editor, section))
      return refuse.forbidden('Only the national lead and deputies, or the lead of this region, can edit this.');
    const lead = editor?.kind === 'lead';
    const people = lead ? await knownPeople(deps) : [];
    const card = (state: Parameters<typeof sectionCard>[3]) =>
      ({ kind: 'card', card: sectionCard(deps, section, people, state, { canPickRegionalLead: lead }) }) as const;

    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const basis = current?.network ?? deps.directory.initial;
      const spec = sectionSpec(section, basis, deps.directory.reference);
      const fields = allFields(spec);
      const typed = readCardInputs(
        raw,
        fields.map((input) => input.id),
      );
      // Only a lead says who a region's lead is; a regional lead's card has no such field.
      const saved = sectionValues(spec, basis);
      for (const input of fields) {
        if (input.kind !== 'person') continue;
        if (!lead) typed[input.id] = saved[input.id] ?? '';
        else typed[input.id] = (await pickedPerson(deps, typed[input.id])) ?? typed[input.id] ?? '';
      }

      if (sectionHash(spec, basis) !== parsed.data.sectionHash) {
        const by = current
          ? `${escapeCardText(current.savedByName, 100)} saved it on ${formatFullUkDateTime(current.savedAt)}`
          : 'It changed';
        return card({
          typed,
          theirs: saved,
          notice: {
            text: `Not saved: ${by}, while you were editing. Their values are shown under yours. Press "Save mine instead" to replace them with yours.`,
          },
        });
      }
      const checked = applySection(spec, basis, typed);
      if (!checked.ok)
        return card({
          typed,
          errors: checked.errors,
          notice: { text: `Nothing was saved: ${checked.message ?? 'check the fields marked below.'}` },
        });
      if (checked.changed.length === 0) return card({ notice: { text: 'Nothing had changed, so nothing was saved.' } });

      const at = new Date();
      const result = await deps.storage.directory.save(checked.network, current, {
        savedBy: request.person.aadObjectId ?? request.person.id,
        savedByName: request.person.name || 'A lead',
        savedAt: at.toISOString(),
        section,
        restoredFrom: undefined,
      });
      if (!result.saved) {
        current = result.current;
        await followSaved(deps.storage.directory, deps.directory, current);
        continue;
      }
      await afterDirectorySave(deps, {
        network: checked.network,
        version: result.version,
        person: request.person,
        at,
        action: 'directory.save',
        detail: { section, fields: checked.changed.join(',') },
      });
      deps.logger.info({ outcome: 'directory_saved', section, directoryVersion: result.version }, 'directory settings');
      return card({
        notice: {
          text: `Saved as version ${String(result.version)}: changed ${listOf(checked.changed)}. Every answer uses it within a few seconds.`,
          good: true,
        },
      });
    }
    return card({ notice: { text: 'Other leads are saving the directory right now: wait a moment and save again.' } });
  },
};

function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
