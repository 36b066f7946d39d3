import type { NetworkDirectory } from '../directory/networkDirectory.js';
import type { ReferenceData } from '../directory/referenceData.js';
import { sectionTitle, type SectionId } from './directorySections.js';
import type { BotDeps } from '../botDeps.js';

/** The sample's people have example.org addresses; a real directory has none. */
const FICTIONAL = /@example\.(org|com)$/i;

/** The sections that still hold the sample's fictional people. */
export function fictionalSections(network: NetworkDirectory): SectionId[] {
  const sections: SectionId[] = [];
  if (FICTIONAL.test(network.nationalLead.person.email)) sections.push('national');
  if (network.steeringGroup.members.some((member) => /^Example\b/.test(member.name))) sections.push('steering');
  for (const region of network.regionalNetworks)
    if ([region.lead, ...(region.deputies ?? [])].some((person) => FICTIONAL.test(person.email)))
      sections.push(region.region);
  return sections;
}

/**
 * Outside local mode, a line for every lead card while the directory still holds fictional
 * people, naming the sections to put right; '' when there is nothing to say.
 */
export function sampleWarning(deps: Pick<BotDeps, 'directory' | 'localMode'>): string {
  if (deps.localMode) return '';
  const sections = fictionalSections(deps.directory.network);
  if (sections.length === 0) return '';
  return `This bot still uses the sample directory: ${listOf(sections, deps.directory.reference)} still ${
    sections.length === 1 ? 'holds' : 'hold'
  } fictional people. Type "directory settings" to put in the real ones.`;
}

function listOf(sections: readonly SectionId[], reference: ReferenceData): string {
  const names = sections.map((section) => sectionTitle(section, reference).replace(/^The /, 'the '));
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
