import { describe, expect, it } from 'vitest';
import { TaughtAnswerIndex } from '../../../../src/features/answers/taughtAnswerIndex.js';
import type { TaughtAnswer } from '../../../../src/features/answers/taughtAnswers.js';

function answer(id: string, title: string, examples: string[]): TaughtAnswer {
  return {
    id,
    version: 1,
    title,
    text: `Example answer about ${title.toLowerCase()}.`,
    links: [],
    examples,
    updatedAt: '2026-12-02T09:00:00.000Z',
    updatedBy: 'lead',
    updatedByName: 'Example Lead',
  };
}

const index = new TaughtAnswerIndex([
  answer('recordings', 'Webinar recordings', [
    'was last month’s webinar recorded',
    'is there a recording of the webinar',
  ]),
  answer('mailing', 'Joining the mailing list', [
    'how do I get on the mailing list',
    'add me to the distribution list',
  ]),
]);

describe('matching a question with the answers the leads taught', () => {
  it('finds the answer for a paraphrase, whatever the word forms and a slip', () => {
    expect(index.match('are the webinars recordded?', true)?.answer.id).toBe('recordings');
    expect(index.match('pls add me to the network mailing list', false)?.answer.id).toBe('mailing');
  });

  it('gives none for a question that shares a single word', () => {
    expect(index.match('when is the next webinar', true)).toBeUndefined();
    expect(index.match('list the open questions', false)).toBeUndefined();
  });

  it('gives none for a question with no meaningful words', () => {
    expect(index.match('hi, can you tell me?', false)).toBeUndefined();
  });
});
