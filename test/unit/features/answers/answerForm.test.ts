import { describe, expect, it } from 'vitest';
import { checkAnswer, readAnswerValues } from '../../../../src/features/answers/answerForm.js';

const valid = {
  title: 'Webinar recordings',
  text: 'Recordings are shared after each session.',
  examples: 'is the webinar recorded\n\n  where can I watch the webinar I missed  ',
  linkTitle1: 'The recordings page',
  linkUrl1: 'https://example.org/recordings',
};

describe('the taught answer form', () => {
  it('takes a title, the answer, one phrasing per line (blank lines dropped) and https links with titles', () => {
    const checked = checkAnswer(readAnswerValues(valid));

    expect(checked).toEqual({
      ok: true,
      answer: {
        title: 'Webinar recordings',
        text: 'Recordings are shared after each session.',
        examples: ['is the webinar recorded', 'where can I watch the webinar I missed'],
        links: [{ title: 'The recordings page', url: 'https://example.org/recordings' }],
      },
    });
  });

  it('says what to fix: a title too short, no answer, a link without https or without a title', () => {
    for (const [fields, message] of [
      [{ title: 'ab' }, 'Give the answer a short title'],
      [{ text: '   ' }, 'Write the answer MSOs will see.'],
      [{ linkUrl1: 'http://example.org' }, 'Link 1: give an address starting https://'],
      [{ linkUrl1: 'javascript:alert(1)' }, 'Link 1: give an address starting https://'],
      [{ linkTitle1: '' }, 'Link 1 needs both a title and an address.'],
      [{ examples: Array.from({ length: 11 }, (_, i) => `phrasing ${String(i)}`).join('\n') }, 'at most 10 phrasings'],
    ] as const) {
      const checked = checkAnswer(readAnswerValues({ ...valid, ...fields }));
      expect(checked.ok, message).toBe(false);
      expect(JSON.stringify(checked)).toContain(message);
    }
  });
});
