import { beforeAll, describe, expect, inject, it } from 'vitest';
import { BuddyRequests } from '../../../../src/features/buddy/buddyRequests.js';
import { createTableClientFactory } from '../../../../src/platform/storage/tableClientFactory.js';
import { sampleRequest } from '../../../support/buddyRequests.js';
import { uniqueTablePrefix } from '../../../support/testBot.js';

const table = createTableClientFactory({
  kind: 'connectionString',
  connectionString: inject('tablesConnectionString'),
})(`${uniqueTablePrefix()}BuddyRequests`);
const requests = new BuddyRequests(table);
beforeAll(() => table.createTable());

describe('BuddyRequests (Azurite)', () => {
  it('creates a request once', async () => {
    expect(await requests.create(sampleRequest('newToPost.a'))).toBe(true);
    expect(await requests.create(sampleRequest('newToPost.a'))).toBe(false);
  });

  it('refuses a replace on a stale ETag', async () => {
    await requests.create(sampleRequest('newToPost.b'));
    const first = await requests.get('newToPost.b');
    if (!first) throw new Error('missing');
    expect(await requests.replace({ ...first.request, monthsInRole: 4 }, first.etag)).toBe(true);

    expect(await requests.replace({ ...first.request, status: 'declined' }, first.etag)).toBe(false);
    expect((await requests.get('newToPost.b'))?.request).toMatchObject({ status: 'pending', monthsInRole: 4 });
  });

  it('writes an applicant and a mentor together or not at all', async () => {
    await requests.create(sampleRequest('newToPost.c'));
    await requests.create(
      sampleRequest('mentor.d', { wayIn: 'mentor', status: 'approved', capacity: 1, capacityLeft: 1 }),
    );
    const applicant = await requests.get('newToPost.c');
    const mentor = await requests.get('mentor.d');
    if (!applicant || !mentor) throw new Error('missing');
    // Someone else changes the mentor first.
    await requests.replace({ ...mentor.request, capacityLeft: 0, status: 'matched' }, mentor.etag);

    const written = await requests.replaceTogether([
      { request: { ...applicant.request, status: 'matched' }, etag: applicant.etag, cardCopies: [] },
      { request: { ...mentor.request, capacityLeft: 0 }, etag: mentor.etag, cardCopies: [] },
    ]);

    expect(written).toBe(false);
    expect((await requests.get('newToPost.c'))?.request.status).toBe('pending');
  });

  it('keeps the card copies it is given, and lists by status and person', async () => {
    await requests.create(sampleRequest('newToPost.e'));
    await requests.addCardCopies('newToPost.e', [
      { reference: { conversation: { id: 'a:lead' } }, activityId: 'activity-1' },
    ]);

    expect((await requests.get('newToPost.e'))?.cardCopies).toEqual([
      { reference: { conversation: { id: 'a:lead' } }, activityId: 'activity-1' },
    ]);
    expect((await requests.list({ userId: 'user-newToPost.e' })).map((stored) => stored.request.id)).toEqual([
      'newToPost.e',
    ]);
    expect(
      (await requests.list({ status: 'approved', wayIn: 'mentor' })).map((stored) => stored.request.id),
    ).not.toContain('newToPost.e');
  });

  it("erases a person from other people's requests by exact ids, leaving those whose ids begin with theirs", async () => {
    const copy = (teamsId: string) => ({
      reference: { conversation: { id: `a:chat-${teamsId}` }, user: { id: teamsId } },
      activityId: `card-${teamsId}`,
    });
    await requests.create(
      sampleRequest('newToPost.prefix1', {
        decision: { by: 'lead-1', byName: 'Example Lead', at: '2026-11-26T10:00:00.000Z', reason: undefined },
        pairedWith: ['mentor.p1'],
      }),
    );
    await requests.create(
      sampleRequest('newToPost.prefix2', {
        decision: { by: 'lead-10', byName: 'Another Lead', at: '2026-11-26T10:00:00.000Z', reason: undefined },
        pairedWith: ['mentor.p10'],
      }),
    );
    await requests.addCardCopies('newToPost.prefix1', [copy('29:lead-1'), copy('29:lead-10')]);
    await requests.addCardCopies('newToPost.prefix2', [copy('29:lead-10'), copy('29:lead-100')]);

    await requests.forgetPerson(
      new Set(['lead-1', '29:lead-1', 'a:chat-29:lead-1', 'mentor.p1']),
      'erased-000000000001',
    );

    const first = await requests.get('newToPost.prefix1');
    expect(first?.request.decision).toMatchObject({ by: 'erased-000000000001' });
    expect(first?.request.pairedWith).toEqual([]);
    expect(first?.cardCopies.map((kept) => kept.activityId)).toEqual(['card-29:lead-10']);
    const second = await requests.get('newToPost.prefix2');
    expect(second?.request.decision).toMatchObject({ by: 'lead-10', byName: 'Another Lead' });
    expect(second?.request.pairedWith).toEqual(['mentor.p10']);
    expect(second?.cardCopies.map((kept) => kept.activityId)).toEqual(['card-29:lead-10', 'card-29:lead-100']);
  });

  it('gives each person one random token for their request ids, and forgets it on erasure', async () => {
    const [first, again] = await Promise.all([
      requests.personTokenFor('aaaaaaaa-0000-4000-8000-000000000077'),
      requests.personTokenFor('aaaaaaaa-0000-4000-8000-000000000077'),
    ]);
    const other = await requests.personTokenFor('aaaaaaaa-0000-4000-8000-000000000078');

    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(first).toMatch(/^[\w-]{22}$/);
    await requests.forgetPersonToken('aaaaaaaa-0000-4000-8000-000000000077');
    expect(await requests.personTokenFor('aaaaaaaa-0000-4000-8000-000000000077')).not.toBe(first);
    // Token rows share the table: the listing holds the request rows and nothing else.
    let requestRows = 0;
    for await (const row of table.listEntities()) if (row.partitionKey === 'request') requestRows += 1;
    expect(await requests.list()).toHaveLength(requestRows);
  });
});
