import { answer, type Answer } from '../answerCard.js';
import type { NetworkDirectory } from '../directory/networkDirectory.js';
import type { ReferenceData } from '../directory/referenceData.js';
import { REQUEST_STATUSES, wantsBuddy, type BuddyRequest } from './buddyScheme.js';
import { currentPairing, pairingsOf, SIDES, waitingSince } from './pairings.js';

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

const DAY_MS = 24 * 60 * 60_000;

/** The middle value, or undefined for none. */
function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const plural = (count: number, noun: string, nouns = `${noun}s`) => `${String(count)} ${count === 1 ? noun : nouns}`;

const days = (count: number) => `${String(Math.round(count))} ${Math.round(count) === 1 ? 'day' : 'days'}`;

/**
 * The scheme in numbers, for the leads: requests by status; who waits for a buddy and for how
 * long; the median days from a request to its first match; active pairs; check-in answers; and
 * each region's requests, waiting and pairs.
 */
export function buddySummaryAnswer(
  directory: NetworkDirectory,
  reference: ReferenceData,
  requests: readonly BuddyRequest[],
  now: Date,
): Answer {
  const count = (keep: (request: BuddyRequest) => boolean) => requests.filter(keep).length;
  const mentors = requests.filter((request) => !wantsBuddy(request));
  const inScheme = mentors.filter((mentor) => mentor.status === 'approved' || mentor.status === 'matched');
  const waiting = requests.filter((request) => request.status === 'approved' && wantsBuddy(request));
  const longest = Math.max(0, ...waiting.map((request) => now.getTime() - Date.parse(waitingSince(request))));
  const firstMatches = requests.flatMap((request) => {
    const first = wantsBuddy(request) ? pairingsOf(request)[0] : undefined;
    return first ? [(Date.parse(first.startedAt) - Date.parse(request.createdAt)) / DAY_MS] : [];
  });
  const toMatch = median(firstMatches);
  const active = requests.filter((request) => wantsBuddy(request) && currentPairing(request) !== undefined);
  const answers = requests.flatMap((request) =>
    pairingsOf(request).flatMap((pairing) =>
      pairing.checkIns.flatMap((checkIn) => SIDES.map((side) => checkIn.answers[side]?.answer ?? 'none')),
    ),
  );
  const answered = (answer: string) => String(answers.filter((given) => given === answer).length);
  return answer({
    source: directory.source,
    title: 'The buddy scheme in numbers',
    paragraphs: [
      `${plural(requests.length - mentors.length, 'request')} for a buddy and ${plural(mentors.length, 'offer')} to mentor. The counts by status are of the requests for a buddy, as each stands now.`,
    ],
    facts: [
      ...REQUEST_STATUSES.map((status) => ({
        title: STATUS_TITLES[status],
        value: String(count((request) => wantsBuddy(request) && request.status === status)),
      })),
      {
        title: 'Mentors',
        value: `${String(inScheme.length)} in the scheme: ${String(inScheme.filter((mentor) => mentor.capacityLeft > 0 && !mentor.paused).length)} with a place free, ${String(inScheme.filter((mentor) => mentor.paused).length)} paused; ${String(mentors.filter((mentor) => mentor.status === 'pending').length)} waiting for a decision`,
      },
      {
        title: 'Waiting for a buddy',
        value: waiting.length === 0 ? 'nobody' : `${String(waiting.length)}, the longest for ${days(longest / DAY_MS)}`,
      },
      {
        title: 'From request to first buddy',
        value:
          toMatch === undefined
            ? 'no match yet'
            : `${days(toMatch)}, the middle value of ${plural(firstMatches.length, 'match', 'matches')}`,
      },
      { title: 'Active pairs', value: String(active.length) },
      {
        title: 'Check-in answers (each person, every check-in so far)',
        value: `${answered('goingWell')} going well, ${answered('notMet')} not met yet, ${answered('endOrChange')} end or change, ${answered('none')} not answered`,
      },
      ...reference.regions.map((region) => {
        const here = requests.filter((request) => request.region === region.code);
        return {
          title: region.name,
          value: `${plural(here.length, 'request')}, ${String(waiting.filter((request) => request.region === region.code).length)} waiting, ${plural(active.filter((request) => request.region === region.code).length, 'active pair')}`,
        };
      }),
    ],
    asks: [
      { title: 'Pending requests', intent: 'buddyPending' },
      { title: 'Buddy pairs', intent: 'buddyPairs' },
    ],
  });
}

const STATUS_TITLES: Readonly<Record<(typeof REQUEST_STATUSES)[number], string>> = {
  pending: 'Waiting for a decision',
  approved: 'Approved',
  matched: 'Matched',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  ended: 'Pairing ended',
};
