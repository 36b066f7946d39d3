import { describe, expect, it } from 'vitest';
import {
  changeSupportRequest,
  newSupportId,
  newSupportRequest,
  SUPPORT_ID_PATTERN,
} from '../../../../src/features/support/supportScheme.js';

const LEAD = { id: 'lead-a', name: 'Example Lead' };
const OTHER_LEAD = { id: 'lead-b', name: 'Example Deputy' };
const ASKER = { id: 'asker', name: 'Sam Example' };
const at = new Date('2026-12-02T09:00:00Z');
const asked = newSupportRequest(
  {
    id: 'Q-7KD3PX',
    userId: ASKER.id,
    name: ASKER.name,
    organisationCode: undefined,
    region: undefined,
    topic: 'webinar',
    question: 'Recorded?',
  },
  at,
);

function changed(outcome: ReturnType<typeof changeSupportRequest>) {
  if (outcome.kind !== 'changed') throw new Error(`expected a change, got ${outcome.kind}`);
  return outcome.request;
}

describe('a support request', () => {
  it('goes open -> answered -> closed, and "I still need help" opens it again for any lead to take', () => {
    const taken = changed(changeSupportRequest(asked, { kind: 'take', lead: LEAD }, at));
    const answered = changed(changeSupportRequest(taken, { kind: 'answer', lead: LEAD, text: 'Yes.' }, at));
    const reopened = changed(changeSupportRequest(answered, { kind: 'reopen', asker: ASKER, text: 'Where?' }, at));
    const answeredAgain = changed(
      changeSupportRequest(reopened, { kind: 'answer', lead: OTHER_LEAD, text: 'Here.' }, at),
    );
    const closed = changed(changeSupportRequest(answeredAgain, { kind: 'resolve', asker: ASKER }, at));

    expect([taken, answered, reopened, answeredAgain, closed].map((request) => request.status)).toEqual([
      'open',
      'answered',
      'open',
      'answered',
      'closed',
    ]);
    expect(reopened.takenBy).toBeUndefined();
    expect(closed.thread.map((entry) => entry.kind)).toEqual(['question', 'answer', 'followUp', 'answer', 'resolved']);
  });

  it('refuses a second answer, naming who answered first', () => {
    const answered = changed(changeSupportRequest(asked, { kind: 'answer', lead: LEAD, text: 'Yes.' }, at));

    expect(changeSupportRequest(answered, { kind: 'answer', lead: OTHER_LEAD, text: 'No.' }, at)).toEqual({
      kind: 'refused',
      message: 'Already answered by Example Lead.',
    });
  });

  it('cannot be marked answered by its asker while it is still open', () => {
    expect(changeSupportRequest(asked, { kind: 'resolve', asker: ASKER }, at).kind).toBe('refused');
  });

  it('gets references nobody misreads, never the same twice in a thousand', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newSupportId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(SUPPORT_ID_PATTERN);
  });
});
