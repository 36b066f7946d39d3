import { focusAreaTitle, personKeyOf, type BuddyRequest } from './buddyScheme.js';

export interface Suggestion {
  mentor: BuddyRequest;
  score: number;
  /** A few words a lead can read on the card: why this mentor. */
  reasons: string[];
}

const MONTHS_PER_YEAR = 12;

/** A mentor who can take this request now: approved, with room, not paused, not the same person, not paired before. */
export function canMentor(request: BuddyRequest, mentor: BuddyRequest): boolean {
  return (
    mentor.wayIn === 'mentor' &&
    mentor.status === 'approved' &&
    mentor.capacityLeft > 0 &&
    !mentor.paused &&
    mentor.userId !== request.userId &&
    // Never the same two people again, whichever way in either of them used.
    !mentor.pairedWith.some((id) => personKeyOf(id) === personKeyOf(request.id)) &&
    !request.pairedWith.some((id) => personKeyOf(id) === personKeyOf(mentor.id)) &&
    // "Develop with a more senior buddy" means more senior.
    (request.wayIn !== 'develop' || mentor.monthsInRole > request.monthsInRole)
  );
}

/**
 * Ranks the mentors who can take a request: same region first, then shared focus areas,
 * capacity left and the experience gap. Ties keep the order of sign-up (first come, first asked).
 */
export function rankMentors(
  request: BuddyRequest,
  mentors: readonly BuddyRequest[],
  regionName: (code: BuddyRequest['region']) => string,
): Suggestion[] {
  return mentors
    .filter((mentor) => canMentor(request, mentor))
    .map((mentor) => {
      const sameRegion = mentor.region === request.region;
      const shared = mentor.focusAreas.filter((area) => request.focusAreas.includes(area));
      const gapYears = Math.max(0, Math.floor((mentor.monthsInRole - request.monthsInRole) / MONTHS_PER_YEAR));
      const score =
        (sameRegion ? 1000 : 0) + shared.length * 100 + Math.min(mentor.capacityLeft, 5) * 10 + Math.min(gapYears, 9);
      const reasons = [
        sameRegion ? 'same region' : regionName(mentor.region),
        shared.length > 0 ? `shares ${shared.map(focusAreaTitle).join(', ')}` : 'no shared focus areas',
        `${String(mentor.capacityLeft)} ${mentor.capacityLeft === 1 ? 'place' : 'places'} left`,
        ...(gapYears > 0 ? [`${String(gapYears)} ${gapYears === 1 ? 'year' : 'years'} more in role`] : []),
      ];
      return { mentor, score, reasons };
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.mentor.createdAt.localeCompare(b.mentor.createdAt) ||
        a.mentor.id.localeCompare(b.mentor.id),
    );
}
