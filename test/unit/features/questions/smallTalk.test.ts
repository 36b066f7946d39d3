import { describe, expect, it } from 'vitest';
import { isSmallTalk, smallTalkReply } from '../../../../src/features/questions/smallTalk.js';

describe('small talk', () => {
  it.each([
    'thanks',
    'Thank you so much!',
    'ok cheers',
    'brillaint thanks',
    'super helpful, thanks bot',
    'great',
    'bye 👋',
  ])('takes %j as small talk', (text) => {
    expect(isSmallTalk(text)).toBe(true);
  });

  it.each([
    'thanks, who is my regional lead?',
    'great, when is the webinar',
    'help',
    'hello',
    'ok so what is the buddy scheme',
    'thanks, will pick this up after lunch',
    '',
  ])('does not take %j as small talk', (text) => {
    expect(isSmallTalk(text)).toBe(false);
  });

  it('answers thanks, a goodbye and praise each in kind', () => {
    expect(smallTalkReply('cheers')).toContain('You are welcome');
    expect(smallTalkReply('bye')).toContain('Goodbye');
    expect(smallTalkReply('perfect')).toContain('Glad to help');
  });
});
