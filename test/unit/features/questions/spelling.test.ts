import { describe, expect, it } from 'vitest';
import { SpellingFixer } from '../../../../src/features/questions/spelling.js';

const fixer = new SpellingFixer(['send the reminder now', 'reminder report', 'audit log', 'are the webinars recorded']);

describe('putting typing slips right before classifying', () => {
  it.each([
    ['remider report', 'reminder report'],
    ['audti log', 'audit log'],
    ['are the webinars recroded', 'are the webinars recorded'],
  ])('reads %j as %j', (typed, fixed) => {
    expect(fixer.fix(typed)).toBe(fixed);
  });

  it('leaves known words, short words and words too far from any known one as they are', () => {
    expect(fixer.fix('send it now')).toBe('send it now');
    expect(fixer.fix('paracetamol dose')).toBe('paracetamol dose');
  });
});
