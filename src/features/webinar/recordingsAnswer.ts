import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { answer, type Answer } from '../answerCard.js';
import type { NetworkDirectory } from '../directory/networkDirectory.js';
import { formatWebinarDay as day } from './formatWebinarTime.js';
import type { WebinarOccurrence } from './schedule.js';
import type { WebinarRecording } from './webinars.js';

/** Buttons on one card: the newest recordings; the rest are listed as facts. */
const WATCH_BUTTONS = 5;

/** Whether the last webinar that went ahead was recorded: the usual question ("was last month's recorded?"). */
function aboutLast(last: WebinarOccurrence | undefined, recordings: readonly WebinarRecording[]): string[] {
  if (!last) return [];
  const recorded = recordings.some((recording) => recording.occurrenceId === last.id);
  return [
    recorded
      ? `Yes: the last webinar, on ${day(last.start)}, was recorded.`
      : `The last webinar, on ${day(last.start)}, has no recording link in the bot yet.`,
  ];
}

/**
 * "Webinar recordings" and "was last month's webinar recorded?": the past dates the lead gave a
 * recording link to, newest first, or an honest none with who to ask.
 */
export function recordingsAnswer(
  directory: NetworkDirectory,
  { recordings, last }: { recordings: readonly WebinarRecording[]; last: WebinarOccurrence | undefined },
): Answer {
  const base = {
    source: directory.source,
    title: 'Webinar recordings',
    asks: [{ title: 'When is the next webinar?', intent: 'webinar' as const }],
  };
  if (recordings.length === 0) {
    return answer({
      ...base,
      paragraphs: [
        ...aboutLast(last, recordings),
        'No webinar recordings have been shared in the bot yet: the national MSO network lead can say whether one was made.',
      ],
      asks: [{ title: 'Ask the national lead', intent: 'askLead' }, ...base.asks],
    });
  }
  return answer({
    ...base,
    paragraphs: [...aboutLast(last, recordings), 'Recordings of past webinars, newest first:'],
    // Topics are typed by the lead: shown as typed, never as Markdown.
    facts: recordings.map((recording) => ({
      title: day(recording.start),
      value: recording.topic ? escapeCardText(recording.topic) : 'MSO webinar',
    })),
    links: recordings.slice(0, WATCH_BUTTONS).map((recording) => ({
      title: `Watch ${day(recording.start, { weekday: false })}`,
      url: recording.recordingUrl,
    })),
    note: 'The national MSO network lead adds the recording links.',
  });
}
