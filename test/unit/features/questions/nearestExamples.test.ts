import { describe, expect, it } from 'vitest';
import { NearestExamples } from '../../../../src/features/questions/nearestExamples.js';

const examples = new NearestExamples([
  { text: 'lead menu', intent: 'leadMenu' },
  { text: 'show me the lead menu', intent: 'leadMenu' },
  { text: 'open the lead menu', intent: 'leadMenu' },
  { text: 'audit log', intent: 'auditLog' },
  { text: 'show the audit log', intent: 'auditLog' },
  { text: 'when is the webinar', intent: 'webinar' },
]);

describe('the nearest training examples by letter groups', () => {
  it('finds a command typed with a slip that whole words miss', () => {
    const found = examples.nearest('leed menu');

    expect(found.intent).toBe('leadMenu');
    expect(found.agreeing).toBeGreaterThanOrEqual(2);
    expect(found.similarity).toBeGreaterThan(0.5);
  });

  it('finds nothing close for a text that shares no letters with any example', () => {
    expect(examples.nearest('xyz qqq').similarity).toBe(0);
  });
});
