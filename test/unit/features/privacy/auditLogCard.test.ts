import { describe, expect, it } from 'vitest';
import type { BotDeps } from '../../../../src/features/botDeps.js';
import type { AuditEntry } from '../../../../src/features/privacy/auditLog.js';
import { auditLogCard } from '../../../../src/features/privacy/auditLogCard.js';
import { cardProblems } from '../../../support/validateCard.js';

// Entries by the scheduler name nobody, so the card needs no storage: none is given.
const deps = {
  storage: {},
  directory: {
    network: { source: { title: 'SPS', url: 'https://www.sps.nhs.uk/' } },
    reference: { regions: [] },
  },
} as unknown as Pick<BotDeps, 'storage' | 'directory'>;

const broadcast = (at: string): AuditEntry => ({
  at,
  actor: 'scheduler',
  action: 'reminder.broadcast',
  subject: 'broadcast-1',
  related: '2027-01-14T13:00',
  detail: { delivered: '120', unreachable: '3', failed: '0' },
});

describe('the audit log card', () => {
  it('says "the last entry" for one entry, and counts several', async () => {
    const one = JSON.stringify(await auditLogCard(deps, [broadcast('2026-12-02T09:14:00.000Z')]));
    const two = JSON.stringify(
      await auditLogCard(deps, [broadcast('2026-12-02T09:14:00.000Z'), broadcast('2026-12-01T09:14:00.000Z')]),
    );

    expect(one).toContain('The last entry, newest first');
    expect(one).not.toContain('1 entries');
    expect(two).toContain('The last 2 entries, newest first');
  });

  it('is a valid card with the full date and the sentence side by side', async () => {
    const card = await auditLogCard(deps, [broadcast('2026-12-02T09:14:00.000Z')]);

    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(
      '{"title":"Wednesday 2 December 2026, 09:14","value":"The scheduled reminder for the webinar of 14 January 2027 finished: 120 sent, 3 unreachable"}',
    );
  });

  it('says when nothing has been recorded', async () => {
    expect(JSON.stringify(await auditLogCard(deps, []))).toContain('Nothing has been recorded yet.');
  });
});
