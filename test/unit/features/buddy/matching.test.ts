import { describe, expect, it } from 'vitest';
import type { BuddyRequest } from '../../../../src/features/buddy/buddyScheme.js';
import {
  askForNewBuddy,
  decide,
  endPairing,
  pauseMentoring,
  resubmit,
  withdraw,
} from '../../../../src/features/buddy/decisions.js';
import { startPairing } from '../../../../src/features/buddy/pairings.js';
import { rankMentors } from '../../../../src/features/buddy/matching.js';

let next = 0;
function request(overrides: Partial<BuddyRequest>): BuddyRequest {
  next += 1;
  const wayIn = overrides.wayIn ?? 'newToPost';
  return {
    id: `${wayIn}.${String(next)}`,
    userId: `user-${String(next)}`,
    name: `Person ${String(next)}`,
    wayIn,
    region: 'Y63',
    organisationCode: undefined,
    monthsInRole: wayIn === 'mentor' ? 60 : 3,
    focusAreas: ['safetyAlerts'],
    capacity: wayIn === 'mentor' ? 2 : undefined,
    capacityLeft: wayIn === 'mentor' ? 2 : 0,
    preferredContact: 'teams',
    email: 'person@example.org',
    note: '',
    status: wayIn === 'mentor' ? 'approved' : 'pending',
    createdAt: `2026-11-${String(10 + next).padStart(2, '0')}T09:00:00.000Z`,
    updatedAt: '2026-11-20T09:00:00.000Z',
    decision: undefined,
    pairedWith: [],
    ...overrides,
  };
}

const regionName = (code: string) => code;
const lead = { id: 'lead-1', name: 'Example Lead' };
const now = new Date('2026-11-26T10:00:00Z');

describe('ranking mentors for a request', () => {
  const mentee = request({ region: 'Y63', focusAreas: ['safetyAlerts', 'data'], monthsInRole: 2 });

  it.each([
    {
      case: 'same region before shared focus areas',
      mentors: [
        request({ wayIn: 'mentor', region: 'Y62', focusAreas: ['safetyAlerts', 'data'] }),
        request({ wayIn: 'mentor', name: 'Near', region: 'Y63', focusAreas: ['digital'] }),
      ],
      expected: ['Near'],
    },
    {
      case: 'more shared focus areas first within a region',
      mentors: [
        request({ wayIn: 'mentor', name: 'One area', focusAreas: ['data'] }),
        request({ wayIn: 'mentor', name: 'Two areas', focusAreas: ['data', 'safetyAlerts'] }),
      ],
      expected: ['Two areas', 'One area'],
    },
    {
      case: 'more capacity left first when otherwise equal',
      mentors: [
        request({ wayIn: 'mentor', name: 'One place', capacityLeft: 1 }),
        request({ wayIn: 'mentor', name: 'Three places', capacity: 3, capacityLeft: 3 }),
      ],
      expected: ['Three places', 'One place'],
    },
    {
      case: 'a tie keeps sign-up order',
      mentors: [request({ wayIn: 'mentor', name: 'First' }), request({ wayIn: 'mentor', name: 'Second' })],
      expected: ['First', 'Second'],
    },
  ])('puts $case', ({ mentors, expected }) => {
    expect(
      rankMentors(mentee, mentors, regionName)
        .map((suggestion) => suggestion.mentor.name)
        .slice(0, expected.length),
    ).toEqual(expected);
  });

  it.each([
    ['no mentor at all', []],
    ['a mentor whose capacity is used up', [request({ wayIn: 'mentor', capacityLeft: 0, status: 'matched' })]],
    ['a mentor not yet approved', [request({ wayIn: 'mentor', status: 'pending' })]],
    ['a mentor who withdrew', [request({ wayIn: 'mentor', status: 'withdrawn' })]],
    ['the applicant themselves', [request({ wayIn: 'mentor', userId: mentee.userId })]],
    ['a mentor already paired with this request', [request({ wayIn: 'mentor', pairedWith: [mentee.id] })]],
    [
      'a mentor once paired with the same person another way in',
      [request({ wayIn: 'mentor', pairedWith: [`develop.${mentee.id.split('.')[1] ?? ''}`] })],
    ],
  ] as const)('suggests nobody when there is %s', (_case, mentors) => {
    expect(rankMentors(mentee, mentors, regionName)).toEqual([]);
  });

  it('only suggests more senior mentors to someone who wants to develop', () => {
    const developer = request({ wayIn: 'develop', monthsInRole: 48 });
    const junior = request({ wayIn: 'mentor', name: 'Junior', monthsInRole: 24 });
    const senior = request({ wayIn: 'mentor', name: 'Senior', monthsInRole: 120 });

    expect(rankMentors(developer, [junior, senior], regionName).map((suggestion) => suggestion.mentor.name)).toEqual([
      'Senior',
    ]);
  });

  it('explains each suggestion in a few words', () => {
    const [suggestion] = rankMentors(
      mentee,
      [request({ wayIn: 'mentor', focusAreas: ['data'], monthsInRole: 62, capacityLeft: 1 })],
      regionName,
    );

    expect(suggestion?.reasons).toEqual([
      'same region',
      'shares Data and dashboards',
      '1 place left',
      '5 years more in role',
    ]);
  });
});

describe('deciding a request', () => {
  it('approves with a buddy: both are matched and the mentor has one place fewer', () => {
    const mentee = request({});
    const mentor = request({ wayIn: 'mentor', capacityLeft: 1 });

    const outcome = decide(mentee, { kind: 'approve', mentor }, lead, now);

    expect(outcome).toMatchObject({
      kind: 'decided',
      request: { status: 'matched', pairedWith: [mentor.id] },
      mentor: { capacityLeft: 0, status: 'matched' },
    });
  });

  it('shares one mentor with room for two among three applicants: the third waits', () => {
    let mentor = request({ wayIn: 'mentor', capacity: 2, capacityLeft: 2 });
    const applicants = [request({}), request({}), request({})];
    const matched: string[] = [];

    for (const applicant of applicants) {
      const [best] = rankMentors(applicant, [mentor], regionName);
      if (!best) continue;
      const outcome = decide(applicant, { kind: 'approve', mentor: best.mentor }, lead, now);
      if (outcome.kind !== 'decided' || !outcome.mentor) throw new Error('expected a match');
      mentor = outcome.mentor;
      matched.push(applicant.id);
    }

    expect(matched).toEqual([applicants[0]?.id, applicants[1]?.id]);
    expect(mentor).toMatchObject({ capacityLeft: 0, status: 'matched' });
  });

  it('decides only once', () => {
    const first = decide(request({}), { kind: 'decline', reason: 'Full' }, lead, now);
    if (first.kind !== 'decided') throw new Error('expected a decision');

    expect(decide(first.request, { kind: 'approve', mentor: undefined }, lead, now).kind).toBe('alreadyDecided');
  });

  it('refuses a buddy who can no longer take one', () => {
    const outcome = decide(
      request({}),
      { kind: 'approve', mentor: request({ wayIn: 'mentor', capacityLeft: 0 }) },
      lead,
      now,
    );

    expect(outcome.kind).toBe('refused');
  });

  it('lets an approved request be matched later, but not a declined one', () => {
    const approved = request({ status: 'approved' });
    const mentor = request({ wayIn: 'mentor' });

    expect(decide(approved, { kind: 'match', mentor }, lead, now).kind).toBe('decided');
    expect(decide(approved, { kind: 'approve', mentor }, lead, now).kind).toBe('alreadyDecided');
    expect(decide({ ...approved, status: 'declined' }, { kind: 'match', mentor }, lead, now).kind).toBe(
      'alreadyDecided',
    );
  });

  it('lets a person withdraw an open request, but not a matched one', () => {
    expect(withdraw(request({ status: 'pending' }), now)?.status).toBe('withdrawn');
    expect(withdraw(request({ status: 'matched' }), now)).toBeUndefined();
  });
});

describe('ending a pairing (endPairing), asking again and pausing', () => {
  const mentor = () =>
    request({
      id: 'mentor.x',
      wayIn: 'mentor',
      capacity: 2,
      capacityLeft: 0,
      status: 'matched',
      pairedWith: ['newToPost.a'],
    });
  const mentee = () =>
    startPairing(
      request({ id: 'newToPost.a', status: 'matched', pairedWith: ['mentor.x'] }),
      'mentor.x',
      now.toISOString(),
    );
  const ending = { by: 'mentee' as const, actorId: 'someone', reason: 'Moved job.' };

  it('ends the mentee’s pairing, frees the mentor’s place, and both still remember the pair', () => {
    const ended = endPairing(mentee(), mentor(), ending, now);

    expect(ended?.mentee).toMatchObject({ status: 'ended', pairedWith: ['mentor.x'] });
    expect(ended?.mentee.pairings?.[0]?.ended).toMatchObject({ by: 'mentee', reason: 'Moved job.' });
    expect(ended?.mentor).toMatchObject({ status: 'approved', capacityLeft: 1, pairedWith: ['newToPost.a'] });
  });

  it('ends nothing when the mentee is not paired with that mentor now', () => {
    const ended = endPairing(mentee(), mentor(), ending, now);
    if (!ended) throw new Error('the first end');

    expect(endPairing(ended.mentee, ended.mentor, ending, now)).toBeUndefined();
    expect(endPairing(mentee(), request({ id: 'mentor.y', wayIn: 'mentor' }), ending, now)).toBeUndefined();
  });

  it('puts a mentee whose pairing ended back in the queue when they ask, and nobody else', () => {
    const ended = endPairing(mentee(), mentor(), ending, now)?.mentee;
    if (!ended) throw new Error('the end');

    expect(askForNewBuddy(ended, now)).toMatchObject({ status: 'approved', waitingSince: now.toISOString() });
    expect(askForNewBuddy(mentee(), now)).toBeUndefined();
  });

  it('pauses and resumes a mentor, and changes nothing when already so', () => {
    const paused = pauseMentoring(mentor(), true, now);

    expect(paused?.paused).toBe(true);
    expect(paused && pauseMentoring(paused, true, now)).toBeUndefined();
    expect(paused && pauseMentoring(paused, false, now)?.paused).toBe(false);
    expect(pauseMentoring(mentee(), true, now)).toBeUndefined();
  });
});

describe('signing up again the same way in (resubmit)', () => {
  const fresh = (overrides: Partial<BuddyRequest> = {}) => {
    const {
      status: _s,
      createdAt: _c,
      updatedAt: _u,
      decision: _d,
      capacityLeft: _l,
      pairedWith: _p,
      ...rest
    } = request(overrides);
    return rest;
  };

  it('makes a new pending request when there was none', () => {
    expect(resubmit(undefined, fresh(), now)).toMatchObject({
      kind: 'new',
      request: { status: 'pending', createdAt: now.toISOString() },
    });
  });

  it('updates a pending request in place, keeping when it was made', () => {
    const earlier = request({ status: 'pending', createdAt: '2026-11-01T09:00:00.000Z' });

    expect(resubmit(earlier, fresh({ note: 'changed' }), now)).toMatchObject({
      kind: 'updated',
      request: { status: 'pending', note: 'changed', createdAt: '2026-11-01T09:00:00.000Z' },
    });
  });

  it('leaves an approved or matched request as it is', () => {
    const earlier = request({ status: 'matched', pairedWith: ['mentor.x'] });

    expect(resubmit(earlier, fresh(), now)).toEqual({ kind: 'alreadyDecided', request: earlier });
  });

  it('starts again after a decline, remembering earlier pairs so they are never suggested again', () => {
    const earlier = request({
      status: 'declined',
      pairedWith: ['mentor.old'],
      decision: { by: 'lead-1', byName: 'Example Lead', at: '2026-11-02T09:00:00.000Z', reason: 'full' },
    });

    expect(resubmit(earlier, fresh(), now)).toMatchObject({
      kind: 'again',
      request: { status: 'pending', decision: undefined, pairedWith: ['mentor.old'] },
    });
  });

  it("keeps counting a mentor's current buddies against the places they now offer", () => {
    const earlier = request({ wayIn: 'mentor', status: 'declined', capacity: 3, capacityLeft: 1 });

    expect(resubmit(earlier, fresh({ wayIn: 'mentor', capacity: 4 }), now).request.capacityLeft).toBe(2);
  });
});
