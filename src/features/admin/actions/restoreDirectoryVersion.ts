import { followSaved } from '../../directory/directorySync.js';
import { z } from 'zod';
import { renderCard } from '../../../platform/cards/renderCard.js';
import { formatFullUkDateTime } from '../../../platform/ukDateTime.js';
import { refuse, type CardAction } from '../../cardAction.js';
import { isLead } from '../../leads/isLead.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';
import { VERBS } from '../../verbs.js';
import { historyCard } from '../adminCards.js';
import { afterDirectorySave } from '../sectionEditor.js';

const data = z.object({
  version: z.coerce.number().int().min(0).max(1_000_000),
  confirmed: z.literal('yes').optional(),
});

const HISTORY_LENGTH = 20;

/** *Restore* on the history card asks first; the confirmed restore saves that version as the newest. */
export const restoreDirectoryVersion: CardAction = {
  verb: VERBS.restoreDirectoryVersion,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "directory history" to start again.');
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const { version, confirmed } = parsed.data;
    const wanted =
      version === 0
        ? { network: deps.directory.initial, savedAt: undefined, savedByName: 'the directory file' }
        : await deps.storage.directory.get(version);
    if (!wanted) return refuse.notFound('That version no longer exists.');
    const history = async (notice: { text: string; good?: boolean }) => ({
      kind: 'card' as const,
      card: historyCard(deps, await deps.storage.directory.history(HISTORY_LENGTH), notice),
    });

    let current = await deps.storage.directory.current();
    await followSaved(deps.storage.directory, deps.directory, current);
    if ((current?.version ?? 0) === version) return history({ text: `Version ${String(version)} is already in use.` });
    if (!confirmed)
      return {
        kind: 'card',
        card: renderCard('confirm', {
          title: `Restore directory version ${String(version)}?`,
          paragraphs: [
            'The bot will answer from this version again, within seconds, on every instance. It becomes the newest version; the one in use now stays in the history.',
          ],
          facts: [
            { title: 'Saved', value: wanted.savedAt ? formatFullUkDateTime(wanted.savedAt) : 'at start-up' },
            { title: 'By', value: wanted.savedByName },
          ],
          confirmable: true,
          confirmTitle: `Restore version ${String(version)}`,
          confirmStyle: 'positive',
          verb: VERBS.restoreDirectoryVersion,
          data: { version: String(version), confirmed: 'yes' },
        }),
      };

    const at = new Date();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await deps.storage.directory.save(wanted.network, current, {
        savedBy: request.person.aadObjectId ?? request.person.id,
        savedByName: request.person.name || 'A lead',
        savedAt: at.toISOString(),
        section: 'all',
        restoredFrom: version,
      });
      if (!result.saved) {
        current = result.current;
        continue;
      }
      await afterDirectorySave(deps, {
        network: wanted.network,
        version: result.version,
        person: request.person,
        at,
        action: 'directory.restore',
        detail: { version: String(version), section: 'all' },
      });
      deps.logger.info(
        { outcome: 'directory_restored', restoredFrom: version, directoryVersion: result.version },
        'directory settings',
      );
      return history({
        text: `Restored: version ${String(version)} is in use again, as version ${String(result.version)}.`,
        good: true,
      });
    }
    return history({ text: 'Other leads are saving the directory right now: wait a moment and restore again.' });
  },
};
