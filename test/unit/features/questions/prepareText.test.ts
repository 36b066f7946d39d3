import { describe, expect, it } from 'vitest';
import { prepareText } from '../../../../src/features/questions/prepareText.js';

describe('prepareText', () => {
  it.each([
    ['<at>MSO Network</at> who is my lead', 'who is my lead'],
    ['@MSO Network who is my lead', 'who is my lead'],
    ['hi, who is the national lead please', 'who is the national lead'],
    ['Good morning! when is the webinar', 'when is the webinar'],
    ['hi', 'hi'],
    ['thanks', 'thanks'],
  ])('reads %j as %j', (text, expected) => {
    expect(prepareText(text)).toBe(expected);
  });
});
