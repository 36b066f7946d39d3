import { describe, expect, it } from 'vitest';
import { loadNetworkDirectory } from '../../../../src/features/directory/networkDirectory.js';
import { recordingsAnswer } from '../../../../src/features/webinar/recordingsAnswer.js';
import { nextOccurrences } from '../../../../src/features/webinar/schedule.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

const directory = loadNetworkDirectory();
const [november] = nextOccurrences(SECOND_THURSDAY_AT_ONE, new Date('2026-11-01T00:00:00Z'), 1);
const recording = (occurrenceId: string, start: string, topic?: string) => ({
  occurrenceId,
  start: new Date(start),
  topic,
  recordingUrl: `https://example.sharepoint.com/${occurrenceId}`,
});
const OCTOBER = recording('2026-10-08T13:00', '2026-10-08T12:00:00Z', 'Insulin *safety*');
const NOVEMBER = recording('2026-11-12T13:00', '2026-11-12T13:00:00Z');

describe('the webinar recordings answer', () => {
  it('says last month\u2019s webinar was recorded, and lists the recordings newest first', () => {
    const answer = recordingsAnswer(directory, { recordings: [NOVEMBER, OCTOBER], last: november });

    expect(answer.paragraphs[0]).toBe('Yes: the last webinar, on Thursday 12 November 2026, was recorded.');
    expect(answer.facts).toEqual([
      { title: 'Thursday 12 November 2026', value: 'MSO webinar' },
      { title: 'Thursday 8 October 2026', value: 'Insulin \\*safety\\*' },
    ]);
    expect(answer.links).toEqual([
      { title: 'Watch 12 November 2026', url: NOVEMBER.recordingUrl },
      { title: 'Watch 8 October 2026', url: OCTOBER.recordingUrl },
    ]);
  });

  it('says when the last webinar has no recording yet, and still lists older ones', () => {
    const answer = recordingsAnswer(directory, { recordings: [OCTOBER], last: november });

    expect(answer.paragraphs[0]).toBe(
      'The last webinar, on Thursday 12 November 2026, has no recording link in the bot yet.',
    );
    expect(answer.links).toHaveLength(1);
  });

  it('says plainly when there are none, with a button to ask the national lead', () => {
    const answer = recordingsAnswer(directory, { recordings: [], last: undefined });

    expect(answer.paragraphs).toEqual([
      'No webinar recordings have been shared in the bot yet: the national MSO network lead can say whether one was made.',
    ]);
    expect(answer.asks[0]).toEqual({ title: 'Ask the national lead', intent: 'askLead' });
  });
});
