import { describe, expect, it } from 'vitest';
import { escapeCardText } from '../../../../src/platform/cards/escapeCardText.js';

describe('escapeCardText', () => {
  it('shows markdown and HTML as typed', () => {
    expect(escapeCardText('**x** [y](https://evil.example) <b>')).toBe(
      '\\*\\*x\\*\\* \\[y\\]\\(https://evil.example\\) \\<b\\>',
    );
  });

  it('leaves ordinary names alone', () => {
    expect(escapeCardText("Guy's and St Thomas'")).toBe("Guy's and St Thomas'");
  });

  it('cuts long text to fit a card', () => {
    expect(escapeCardText('a'.repeat(500), 50)).toHaveLength(50);
  });
});
