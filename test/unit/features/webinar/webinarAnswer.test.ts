import { describe, expect, it } from 'vitest';
import { loadNetworkDirectory } from '../../../../src/features/directory/networkDirectory.js';
import { nextOccurrences } from '../../../../src/features/webinar/index.js';
import { webinarAnswer } from '../../../../src/features/webinar/webinarAnswer.js';

const directory = loadNetworkDirectory();
const [occurrence] = nextOccurrences(
  {
    rule: 'FREQ=MONTHLY;BYDAY=2TH',
    firstDate: undefined,
    startTime: '13:00',
    durationMinutes: 60,
    topic: undefined,
    joinUrl: undefined,
  },
  new Date('2026-12-01T00:00:00Z'),
  1,
);

describe('the webinar answer', () => {
  it('leaves the calendar link out rather than invent a host when the public address is unknown', () => {
    if (!occurrence) throw new Error('the rule has an occurrence');
    const answer = webinarAnswer(directory, {
      occurrence,
      inProgress: false,
      calendarUrl: undefined,
      usually: undefined,
    });

    expect(answer.facts).toContainEqual({
      title: 'When',
      value: 'Thursday 10 December 2026, 13:00 to 14:00 (UK time)',
    });
    expect(answer.links.map((link) => link.title)).toEqual(['Ask for the invitation']);
  });

  it('says when the webinar usually is, naming the week', () => {
    if (!occurrence) throw new Error('the rule has an occurrence');
    const answer = webinarAnswer(directory, {
      occurrence,
      inProgress: false,
      calendarUrl: undefined,
      usually: 'the second Thursday of every month, 13:00 to 14:00 UK time',
    });

    expect(answer.facts).toContainEqual({
      title: 'Usually',
      value: 'the second Thursday of every month, 13:00 to 14:00 UK time',
    });
  });

  it('keeps the source line of the directory', () => {
    expect(webinarAnswer(directory, undefined).source).toEqual(loadNetworkDirectory().source);
  });
});
