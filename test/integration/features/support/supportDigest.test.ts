import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSupportRequest, type SupportRequest } from '../../../../src/features/support/supportScheme.js';
import { cardAction, installationUpdate, personalChatId, type Person } from '../../../support/activities.js';
import { VERBS } from '../../../../src/features/verbs.js';
import { startTestBot, uniqueTablePrefix, type TestBot } from '../../../support/testBot.js';
import { waitFor } from '../../../support/waitFor.js';

const LEAD_A: Person = { id: '29:lead-a', name: 'Example Lead', aadObjectId: 'eeeeeeee-0000-4000-8000-00000000000a' };
const LEAD_B: Person = { id: '29:lead-b', name: 'Example Deputy', aadObjectId: 'eeeeeeee-0000-4000-8000-00000000000b' };
/** Wednesday 9 December 2026, 09:00 in London (GMT). */
const WEDNESDAY_MORNING = new Date('2026-12-09T09:00:00Z');

let first: TestBot;
let second: TestBot;

/** A question asked at `openedAt`, stored as the submit would store it. */
async function storedQuestion(id: string, openedAt: string, takenBy?: Person): Promise<SupportRequest> {
  const request = {
    ...newSupportRequest(
      {
        id,
        userId: `cccccccc-2222-4000-8000-${id.slice(2).padStart(12, '0')}`,
        name: 'Sam Example',
        organisationCode: undefined,
        region: undefined,
        topic: 'webinar',
        question: 'Was it recorded?',
      },
      new Date(openedAt),
    ),
    ...(takenBy ? { takenBy: { id: takenBy.aadObjectId, name: takenBy.name, at: openedAt } } : {}),
  };
  await first.storage.supportRequests.create(request);
  return request;
}

beforeAll(async () => {
  const env = {
    LEAD_AAD_OBJECT_IDS: `${LEAD_A.aadObjectId},${LEAD_B.aadObjectId}`,
    REMINDER_TICK_SECONDS: '1',
  };
  const tablePrefix = uniqueTablePrefix();
  const now = () => WEDNESDAY_MORNING;
  first = await startTestBot({ ...env, INSTANCE_ID: 'digest-one' }, { tablePrefix, now });
  second = await startTestBot({ ...env, INSTANCE_ID: 'digest-two' }, { tablePrefix, now });
  const serviceUrl = first.connector.serviceUrl;
  for (const lead of [LEAD_A, LEAD_B]) await first.post(installationUpdate('add', { serviceUrl, from: lead }));
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

const digestsTo = (lead: Person) =>
  first.connector
    .sentCards(personalChatId(lead))
    .map((card) => JSON.stringify(card))
    .filter((card) => card.includes('waited more than 3 working days'));

describe('the leads’ morning digest (two instances, one clock)', () => {
  it('goes once a day to each lead with questions open more than 3 working days: theirs and nobody’s', async () => {
    await storedQuestion('Q-AAAAA2', '2026-12-02T10:00:00Z');
    await storedQuestion('Q-BBBBB3', '2026-12-03T10:00:00Z', LEAD_A);
    await storedQuestion('Q-CCCCC4', '2026-12-07T10:00:00Z');

    await waitFor(() => (digestsTo(LEAD_A).length && digestsTo(LEAD_B).length ? true : undefined), 'both digests');
    // Both instances keep ticking every second: give them a few more chances to send again.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const [toA, toB] = [digestsTo(LEAD_A), digestsTo(LEAD_B)];
    expect(toA).toHaveLength(1);
    expect(toB).toHaveLength(1);
    expect(toA[0]).toContain('Q-AAAAA2');
    expect(toA[0]).toContain('Q-BBBBB3');
    expect(toB[0]).toContain('Q-AAAAA2');
    expect(toB[0]).not.toContain('Q-BBBBB3');
    for (const digest of [...toA, ...toB]) expect(digest).not.toContain('Q-CCCCC4');
  });

  it('forgets which digests a lead got when the lead asks for their data to be deleted', async () => {
    await first.post(cardAction(VERBS.eraseMyData, {}, { serviceUrl: first.connector.serviceUrl, from: LEAD_B }));

    // The day's claim is free again: nothing records that this lead got a digest.
    expect(await first.storage.supportRequests.claimDigest('2026-12-09', LEAD_B.aadObjectId)).toBe(true);
    expect(await first.storage.supportRequests.claimDigest('2026-12-09', LEAD_A.aadObjectId)).toBe(false);
  });
});
