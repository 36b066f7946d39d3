import type { BotDeps } from '../botDeps.js';
import type { DataSection, ErasureRequest } from '../feature.js';
import { formatFullUkDateTime } from '../../platform/ukDateTime.js';

/** "Your role": whether the person is a lead added from Teams, and the directory versions they saved. */
export async function adminData(deps: BotDeps, userId: string): Promise<DataSection[]> {
  const ids = new Set([userId, userId.toLowerCase()]);
  const [lead, saved] = await Promise.all([
    deps.roles.roster.list().then((leads) => leads.find((candidate) => ids.has(candidate.id))),
    deps.storage.directory.countSavedBy(ids),
  ]);
  if (!lead && saved === 0) return [];
  return [
    {
      heading: 'Your role in running the network',
      facts: [
        ...(lead ? [{ title: 'Lead', value: `since ${formatFullUkDateTime(lead.addedAt)}` }] : []),
        ...(saved > 0 ? [{ title: 'Directory versions you saved', value: String(saved) }] : []),
      ],
    },
  ];
}

/**
 * Erasure: a lead added from Teams stops being one; who added a lead or saved a directory version
 * becomes the pseudonym. The directory's own contents are the network's, edited on its cards.
 */
export async function eraseAdminData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  const ids = new Set([...person.ids].flatMap((id) => [id, id.toLowerCase()]));
  await deps.roles.roster.forget(ids, person.pseudonym);
  await deps.storage.directory.forgetPerson(ids, person.pseudonym);
  return 0;
}
