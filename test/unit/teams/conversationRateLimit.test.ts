import { describe, expect, it } from 'vitest';
import { ConversationRateLimit } from '../../../src/teams/conversationRateLimit.js';

describe('ConversationRateLimit', () => {
  it('answers the limit in a minute, says slow down once, then ignores until the minute has room', () => {
    let now = 0;
    const limit = new ConversationRateLimit(2, () => now);

    expect([limit.check('a'), limit.check('a'), limit.check('a'), limit.check('a')]).toEqual([
      'answer',
      'answer',
      'slowDown',
      'ignore',
    ]);
    now = 30_000;
    expect(limit.check('a')).toBe('ignore');
    now = 60_001;
    expect([limit.check('a'), limit.check('a'), limit.check('a')]).toEqual(['answer', 'answer', 'slowDown']);
  });

  it('counts each conversation on its own', () => {
    const limit = new ConversationRateLimit(1, () => 0);

    expect([limit.check('a'), limit.check('b'), limit.check('a')]).toEqual(['answer', 'answer', 'slowDown']);
  });
});
