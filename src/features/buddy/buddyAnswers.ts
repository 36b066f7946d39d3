import { answer, type Answer } from '../answerCard.js';
import type { NetworkDirectory } from '../directory/networkDirectory.js';
import type { ReferenceData, RegionCode } from '../directory/referenceData.js';

/** What the buddy scheme is and how to join, from the directory. */
export function buddyAboutAnswer(directory: NetworkDirectory): Answer {
  const { buddyScheme } = directory;
  return answer({
    source: directory.source,
    title: 'The MSO buddy scheme',
    paragraphs: [buddyScheme.summary, buddyScheme.howToJoin],
    asks: [{ title: 'How do I join?', intent: 'buddyJoin' }],
  });
}

/** Counts of buddy requests by status and by region, for the leads. */
export function buddySummaryAnswer(
  directory: NetworkDirectory,
  reference: ReferenceData,
  requests: readonly { status: string; region: RegionCode; wayIn: string }[],
): Answer {
  const count = (keep: (request: (typeof requests)[number]) => boolean) => String(requests.filter(keep).length);
  const statuses = ['pending', 'approved', 'matched', 'declined', 'withdrawn'] as const;
  return answer({
    source: directory.source,
    title: 'The buddy scheme in numbers',
    paragraphs: [
      `${String(requests.length)} requests in all, ${count((request) => request.wayIn === 'mentor')} of them from mentors.`,
    ],
    facts: [
      ...statuses.map((status) => ({
        title: `${status.charAt(0).toUpperCase()}${status.slice(1)}`,
        value: count((request) => request.status === status),
      })),
      ...reference.regions.map((region) => ({
        title: region.name,
        value: count((request) => request.region === region.code),
      })),
    ],
    asks: [{ title: 'Pending requests', intent: 'buddyPending' }],
  });
}
