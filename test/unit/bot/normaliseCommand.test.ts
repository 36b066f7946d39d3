import { describe, expect, it } from 'vitest';
import { normaliseCommand } from '../../../src/bot/normaliseCommand.js';

describe('normaliseCommand', () => {
  it.each([
    ['help', 'help'],
    ['  HELP  ', 'help'],
    ['Help!', 'help'],
    ['<at>MSO Network</at> help', 'help'],
    ['<at>MSO Network</at>\n  Help?', 'help'],
    ['stop   reminders.', 'stop reminders'],
    ['Café menu', 'café menu'],
    ['', ''],
  ])('reads %j as %j', (typed, expected) => {
    expect(normaliseCommand(typed)).toBe(expected);
  });
});
