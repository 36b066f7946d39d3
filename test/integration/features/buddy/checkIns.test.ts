import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import { cardAction, installationUpdate, message, personalChatId, type Person } from '../../../support/activities.js';
import { requestIdOf } from '../../../support/buddyRequests.js';
import { buttonData } from '../../../support/cardElements.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';
import { waitFor } from '../../../support/waitFor.js';

const LEAD: Person = { id: '29:lead-c', name: 'Example Lead', aadObjectId: 'eeeeeeee-8888-4000-8000-00000000000a' };
const DAY_MS = 24 * 60 * 60_000;
/** Every instance checks each second; its first check comes 10 s after it starts. */
const ENV = { LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId, REMINDER_TICK_SECONDS: '1', BUDDY_CHECKIN_WEEKS: '4,13' };

type Card = Record<string, unknown>;

/** The clock the instances' jobs read, from now on, moved by hand (cards are answered on the real clock). */
let now = Date.now();
const clock = () => new Date(now);

let first: TestBot;
let second: TestBot;
let serviceUrl: string;
let people = 0;

function newPerson(name: string): Person {
  people += 1;
  const n = String(people).padStart(12, '0');
  return { id: `29:checkin-${n}`, name, aadObjectId: `bbbbbbbb-8888-4000-8000-${n}` };
}

beforeAll(async () => {
  first = await startTestBot({ ...ENV, INSTANCE_ID: 'one' }, { now: clock });
  // A second instance on the same tables: both run the check-ins job.
  second = await startTestBot({ ...ENV, INSTANCE_ID: 'two' }, { now: clock, tablePrefix: first.tablePrefix });
  serviceUrl = first.connector.serviceUrl;
  await first.post(installationUpdate('add', { serviceUrl, from: LEAD }));
});
afterAll(async () => {
  await second.close();
  await first.close();
});

async function press(person: Person, verb: string, data: Record<string, unknown>) {
  const response = await first.post(cardAction(verb, data, { serviceUrl, from: person }));
  const body = response.body as { value?: unknown } | undefined;
  return { status: response.status, text: JSON.stringify(response.body), card: body?.value as Card | undefined };
}

/** A mentor and a mentee signed up, approved and matched now; their request ids. */
async function matchedPair(): Promise<{ mentee: Person; mentor: Person; menteeId: string; mentorId: string }> {
  const mentor = newPerson('Robin Example');
  const mentee = newPerson('Sam Example');
  const fields = {
    organisation: 'Leeds Teaching Hospitals',
    focusAreas: 'safetyAlerts',
    preferredContact: 'teams',
    note: '',
    consent: 'true',
  };
  for (const [person, extra] of [
    [mentor, { wayIn: 'mentor', monthsInRole: '96', capacity: '1', email: 'robin@example.org' }],
    [mentee, { wayIn: 'newToPost', monthsInRole: '2', email: 'sam@example.org' }],
  ] as const) {
    await first.post(installationUpdate('add', { serviceUrl, from: person }));
    await press(person, VERBS.submitBuddySignUp, { ...fields, ...extra });
  }
  const mentorId = await requestIdOf(first.storage, mentor, 'mentor');
  const menteeId = await requestIdOf(first.storage, mentee, 'newToPost');
  await press(LEAD, VERBS.decideBuddyRequest, { requestId: mentorId, decision: 'approve' });
  await press(LEAD, VERBS.decideBuddyRequest, { requestId: menteeId, decision: 'approve', mentor: mentorId });
  return { mentee, mentor, menteeId, mentorId };
}

const checkInsTo = (person: Person): Card[] =>
  first.connector
    .sentCards(personalChatId(person))
    .filter((card) => JSON.stringify(card).includes('How is your buddy pairing going?'));

/** Several of the instances' checks (each second), so that a second send would have happened. */
const severalChecks = () => new Promise((resolve) => setTimeout(resolve, 3_500));

describe('buddy check-ins', () => {
  it('go to each of the pair once at 4 and at 13 weeks, from two instances and after a restart, and the leads hear of a pair that needs attention', async () => {
    const { mentee, mentor, menteeId, mentorId } = await matchedPair();
    now += 27 * DAY_MS;
    await severalChecks();
    await severalChecks();
    expect(checkInsTo(mentee)).toEqual([]);

    now += 2 * DAY_MS;
    await waitFor(
      () => (checkInsTo(mentee).length > 0 && checkInsTo(mentor).length > 0 ? true : undefined),
      'the 4-week check-ins',
      20_000,
    );
    await severalChecks();
    expect(checkInsTo(mentee)).toHaveLength(1);
    expect(checkInsTo(mentor)).toHaveLength(1);
    expect(JSON.stringify(checkInsTo(mentee)[0])).toContain('It is 4 weeks since you were paired with Robin Example');

    // The mentee answers from the card: going well, with a note to the lead.
    const [card] = checkInsTo(mentee);
    const answered = await press(mentee, VERBS.answerCheckIn, {
      ...buttonData(card, VERBS.answerCheckIn),
      answer: 'goingWell',
      note: 'We meet every fortnight.',
    });
    expect(answered.text).toContain('Thank you: your answer is saved and the national lead has been told.');
    expect(JSON.stringify(first.connector.sentCards(personalChatId(LEAD)))).toContain('We meet every fortnight.');
    const forged = await press(newPerson('Kim Example'), VERBS.answerCheckIn, {
      ...buttonData(card, VERBS.answerCheckIn),
      answer: 'endOrChange',
    });
    expect(forged.status).toBe(404);

    // The second instance restarts: nothing is sent again.
    await second.close();
    second = await startTestBot({ ...ENV, INSTANCE_ID: 'two' }, { now: clock, tablePrefix: first.tablePrefix });
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(checkInsTo(mentee)).toHaveLength(1);

    now += 9 * 7 * DAY_MS;
    await waitFor(
      () => (checkInsTo(mentor).length === 2 && checkInsTo(mentee).length === 2 ? true : undefined),
      'the 13-week check-ins',
      20_000,
    );
    await severalChecks();
    expect(checkInsTo(mentee)).toHaveLength(2);
    expect(checkInsTo(mentor)).toHaveLength(2);

    first.connector.clear();
    const stored = await first.storage.buddyRequests.get(menteeId);
    expect(stored?.request.pairings?.[0]?.checkIns.map((checkIn) => checkIn.week)).toEqual([4, 13]);
    const pairKey = `${menteeId} ${mentorId}`;
    for (const person of [mentee, mentor])
      await press(person, VERBS.answerCheckIn, { pair: pairKey, week: '13', answer: 'notMet', note: '' });
    expect(JSON.stringify(first.connector.sentCards(personalChatId(LEAD)))).toContain('A buddy pair needs attention');
    first.connector.clear();
    await first.post(message('buddy pairs', { serviceUrl, from: LEAD }));
    expect(JSON.stringify(first.connector.sentCards(personalChatId(LEAD)))).toContain(
      'Needs attention; 4-week check-in: mentee going well; 13-week check-in: mentee not met yet, mentor not met yet',
    );
    first.connector.clear();
    await first.post(message('buddy scheme summary', { serviceUrl, from: LEAD }));
    const summary = JSON.stringify(first.connector.sentCards(personalChatId(LEAD)));
    expect(summary).toContain('1 going well, 2 not met yet, 0 end or change, 1 not answered');
    expect(summary).toMatch(/"title":"Active pairs","value":"1"/);
    expect(summary).toMatch(/"title":"From request to first buddy","value":"0 days, the middle value of 1 match"/);
  }, 120_000);

  it('are never sent once the pairing has ended', async () => {
    // The jobs' clock back to the real one, on which pairs are matched: nothing is due yet.
    now = Date.now();
    const { mentee, mentor, menteeId, mentorId } = await matchedPair();
    // A pair matched at the same time and still together: its check-ins show the job ran.
    const together = await matchedPair();
    await press(mentee, VERBS.endBuddyPairing, { pair: `${menteeId} ${mentorId}`, reason: 'Moved job.', view: 'own' });

    now += 5 * 7 * DAY_MS;
    await waitFor(() => (checkInsTo(together.mentee).length > 0 ? true : undefined), 'the pair together', 20_000);
    await severalChecks();

    expect(checkInsTo(mentee)).toEqual([]);
    expect(checkInsTo(mentor)).toEqual([]);
  }, 60_000);
});
