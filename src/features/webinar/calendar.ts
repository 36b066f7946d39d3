import ical, { ICalCalendarMethod } from 'ical-generator';
import type { WebinarOccurrence } from './schedule.js';

export const WEBINAR_SUMMARY = 'MSO webinar';
export const NO_JOIN_LINK_YET = 'The joining link comes with the invitation from the national MSO network lead.';

/** Same occurrence, same UID: importing the file again updates the event rather than adding one. */
export function webinarUid(occurrence: Pick<WebinarOccurrence, 'id'>): string {
  return `mso-webinar-${occurrence.id.replace(/[-:]/g, '')}@mso-network-bot`;
}

/**
 * An iCalendar file (RFC 5545) with one event per occurrence. Times are written in UTC, which
 * every calendar converts to its own zone; the London wall-clock time was settled by the schedule.
 */
export function webinarCalendar(
  occurrences: readonly WebinarOccurrence[],
  { now = new Date() }: { now?: Date } = {},
): string {
  const calendar = ical({
    prodId: { company: 'MSO Network', product: 'MSO Network bot', language: 'EN' },
    name: WEBINAR_SUMMARY,
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const occurrence of occurrences) {
    calendar.createEvent({
      id: webinarUid(occurrence),
      start: occurrence.start,
      end: occurrence.end,
      stamp: now,
      summary: occurrence.topic ? `${WEBINAR_SUMMARY}: ${occurrence.topic}` : WEBINAR_SUMMARY,
      description: [occurrence.topic, occurrence.joinUrl ? `Join: ${occurrence.joinUrl}` : NO_JOIN_LINK_YET]
        .filter(Boolean)
        .join('\n\n'),
      location: occurrence.joinUrl ? 'Microsoft Teams' : null,
      url: occurrence.joinUrl ?? null,
    });
  }
  return calendar.toString();
}
