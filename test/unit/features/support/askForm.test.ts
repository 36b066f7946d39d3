import { describe, expect, it } from 'vitest';
import { asksTheLead, questionFromMessage } from '../../../../src/features/support/askForm.js';

describe('asking the national lead in words', () => {
  it('keeps the whole message as the question when it says what to ask', () => {
    expect(questionFromMessage('can I ask the national lead whether deputies can come to the webinar')).toBe(
      'can I ask the national lead whether deputies can come to the webinar',
    );
  });

  it('leaves the question empty when the message only asks to ask', () => {
    expect(questionFromMessage('ask the national lead')).toBe('');
    expect(questionFromMessage('can I send a question to the lead')).toBe('');
  });

  it('reads "I need support with …" and "ask the lead …" as asking, but not a question about whom to contact', () => {
    expect(asksTheLead('I need support with our omitted doses audit')).toBe(true);
    expect(asksTheLead('ask the national lead if the slides can be shared')).toBe(true);
    expect(asksTheLead('I need help with an incident, who should I contact?')).toBe(false);
    expect(asksTheLead('who is the national lead')).toBe(false);
  });
});
