import { z } from 'zod';
import { REGION_CODES } from '../referenceData.js';
import { VERBS } from '../../verbs.js';
import type { CardAction } from '../../cardAction.js';
import { refuse } from '../../cardAction.js';
import { ODS_CODE } from '../organisations.js';
import {
  answerAboutPlace,
  describeWorkplace,
  focusOf,
  sameWorkplace,
  whatItIs,
  workplaceOfProfile,
  type SavedWorkplace,
} from '../workplace.js';

/** The card's record of the save: what it saved and what was there before (empty strings for none). */
const data = z.object({
  region: z.enum(REGION_CODES),
  code: z.union([z.literal(''), z.string().regex(ODS_CODE)]),
  previousRegion: z.union([z.literal(''), z.enum(REGION_CODES)]),
  previousCode: z.union([z.literal(''), z.string().regex(ODS_CODE)]),
  then: z.enum(['regionalNetwork', 'regionalLead']).catch('regionalNetwork'),
});

const NOTHING_TO_UNDO = 'Nothing was undone: where you work has been changed since this answer.';

/**
 * *Undo* / *Not where I work* under a save: puts back what was saved before (or nothing), if
 * what is saved now is still what this card saved. The answer stays, offering to save it again.
 */
export const undoWorkplace: CardAction = {
  verb: VERBS.undoWorkplace,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    const { organisations } = deps.directory;
    const known = (code: string) => code === '' || organisations.byCode(code) !== undefined;
    if (!parsed.success || !known(parsed.data.code) || !known(parsed.data.previousCode))
      return refuse.badRequest('This button is out of date. Type where you work instead.');
    const { region, code, previousRegion, previousCode, then } = parsed.data;
    const saved: SavedWorkplace = { region, code: code || undefined };
    const previous: SavedWorkplace | undefined = previousRegion
      ? { region: previousRegion, code: previousCode || undefined }
      : undefined;

    const userId = request.person.id;
    const stored = await deps.storage.profiles.get(userId);
    if (!stored || !sameWorkplace(saved, workplaceOfProfile(stored))) return { kind: 'message', text: NOTHING_TO_UNDO };
    const undone = previous
      ? await deps.storage.profiles.put(
          { userId, region: previous.region, organisationCode: previous.code, updatedAt: new Date().toISOString() },
          stored.etag,
        )
      : await deps.storage.profiles.remove(userId);
    if (!undone) return { kind: 'message', text: NOTHING_TO_UNDO };
    deps.logger.info({ outcome: 'profile_undone' }, 'profile save undone');

    const note = previous
      ? `I have put back ${describeWorkplace(deps, previous)} as where you work.`
      : `I have not kept it as your ${whatItIs(saved)}.`;
    const place = { organisation: saved.code ? organisations.byCode(saved.code) : undefined, region };
    return { kind: 'card', card: answerAboutPlace(deps, place, focusOf(then), previous, note) };
  },
};
