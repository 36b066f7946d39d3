import { fieldsOf, type DateFields } from './dateChange.js';
import type { WebinarOccurrence } from './schedule.js';
import type { Webinars } from './webinars.js';

/** How many past dates the settings card offers for a recording: a year of a monthly webinar. */
export const PAST_DATES = 12;

/** One date a lead can change: a coming one, or one from the last year for its recording. */
export interface WebinarDate {
  occurrence: WebinarOccurrence;
  /** It has begun: it can no longer be changed or cancelled, only given a recording. */
  past: boolean;
  /** Its own settings, as the lead saved them. */
  own: DateFields;
}

export async function findWebinarDate(
  webinars: Webinars,
  occurrenceId: string,
  now: Date,
): Promise<WebinarDate | undefined> {
  const occurrence =
    (await webinars.find(occurrenceId)) ??
    (await webinars.past(PAST_DATES)).find((candidate) => candidate.id === occurrenceId);
  if (!occurrence) return undefined;
  return {
    occurrence,
    past: occurrence.start.getTime() <= now.getTime(),
    own: fieldsOf(await webinars.changeOf(occurrenceId)),
  };
}
