import { formatFullUkDateTime } from '../../platform/ukDateTime.js';
import type { BotDeps } from '../botDeps.js';
import type { DataSection, ErasureRequest } from '../feature.js';

/** "Where you work": the region and organisation the person told the bot. */
export async function directoryData(deps: BotDeps, userId: string): Promise<DataSection[]> {
  const { directory } = deps;
  const profile = await deps.storage.profiles.get(userId);
  const organisation = profile?.organisationCode
    ? directory.organisations.byCode(profile.organisationCode)?.name
    : undefined;
  return [
    {
      heading: 'Where you work',
      facts: profile
        ? [
            { title: 'Region', value: directory.reference.region(profile.region).name },
            ...(organisation ? [{ title: 'Organisation', value: organisation }] : []),
            { title: 'Saved', value: formatFullUkDateTime(profile.updatedAt) },
          ]
        : [],
    },
  ];
}

export async function eraseDirectoryData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  await deps.storage.profiles.remove(person.userId);
  return 0;
}
