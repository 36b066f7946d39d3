import { followSaved } from '../../directory/directorySync.js';
import { z } from 'zod';
import { refuse, type CardAction } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import { sectionCard } from '../adminCards.js';
import { sectionIdSchema } from '../directorySections.js';
import { knownPeople } from '../knownPeople.js';
import { editableSections, mayEdit } from '../sectionEditor.js';

const data = z.object({ section: sectionIdSchema });

/** *Edit* on the directory settings card: that section's fields, as saved now. */
export const editDirectorySection: CardAction = {
  verb: VERBS.editDirectorySection,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success)
      return refuse.badRequest('This card is out of date. Type "directory settings" to start again.');
    await followSaved(deps.storage.directory, deps.directory);
    const editor = await editableSections(deps, request.person);
    if (!mayEdit(editor, parsed.data.section))
      return refuse.forbidden('Only the national lead and deputies, or the lead of this region, can edit this.');
    const lead = editor?.kind === 'lead';
    const people = lead ? await knownPeople(deps) : [];
    return { kind: 'card', card: sectionCard(deps, parsed.data.section, people, {}, { canPickRegionalLead: lead }) };
  },
};
