import { answer, type Answer } from '../answerCard.js';
import type { NetworkDirectory } from '../directory/networkDirectory.js';
import { NO_JOIN_LINK_YET } from './calendar.js';
import { formatWebinarTime } from './formatWebinarTime.js';
import type { NextOccurrence } from './webinars.js';

/** What the webinar answer shows about the next occurrence. */
export interface UpcomingWebinar extends NextOccurrence {
  /** The bot's calendar file for it; undefined when the bot's public address is not known. */
  calendarUrl: string | undefined;
  /** The schedule in words ("the second Thursday of every month, 13:00 to 14:00 UK time"). */
  usually: string | undefined;
}

/** The next webinar when one is scheduled, or an honest "no date" with who to ask. */
export function webinarAnswer(directory: NetworkDirectory, upcoming: UpcomingWebinar | undefined): Answer {
  const { webinar, nationalLead } = directory;
  const askForInvitation = {
    title: 'Ask for the invitation',
    url: `mailto:${webinar.contactEmail ?? nationalLead.person.email}`,
  };
  const asks: Answer['asks'] = [
    { title: 'Webinar recordings', intent: 'webinarRecordings' },
    { title: 'What is the steering group?', intent: 'steeringGroup' },
  ];
  if (!upcoming) {
    return answer({
      source: directory.source,
      title: 'The monthly MSO webinar',
      paragraphs: [
        webinar.summary,
        'No date is scheduled in the bot at the moment: ask the national MSO network lead for the invitation.',
      ],
      links: [askForInvitation],
      asks,
    });
  }
  const { occurrence, inProgress, calendarUrl, usually } = upcoming;
  return answer({
    source: directory.source,
    title: inProgress ? 'The MSO webinar is on now' : 'The next MSO webinar',
    paragraphs: [webinar.summary, ...(occurrence.joinUrl ? [] : [NO_JOIN_LINK_YET])],
    facts: [
      { title: 'When', value: formatWebinarTime(occurrence) },
      ...(occurrence.topic ? [{ title: 'Topic', value: occurrence.topic }] : []),
      ...(usually ? [{ title: 'Usually', value: usually }] : []),
    ],
    links: [
      occurrence.joinUrl ? { title: 'Join the webinar', url: occurrence.joinUrl } : askForInvitation,
      ...(calendarUrl ? [{ title: 'Add to calendar', url: calendarUrl }] : []),
    ],
    asks,
    note: 'The national MSO network lead sets the webinar schedule.',
  });
}
