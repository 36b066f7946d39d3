import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src/features/privacy/auditLog.js';
import { describeAuditEntry, type AuditNames } from '../../../../src/features/privacy/describeAuditEntry.js';

const LEAD_ID = 'aaaaaaaa-0000-4000-8000-0000000000ee';
const ROBIN_ID = 'bbbbbbbb-0000-4000-8000-000000000002';
const SAM_ID = 'aaaaaaaa-0000-4000-8000-000000000001';
const UNNAMED_ID = 'dddddddd-0000-4000-8000-0000001a2b3c';
const SAM_REQUEST = 'newToPost.samToken';
const ROBIN_REQUEST = 'mentor.robinToken';
const REGIONS: Record<string, string> = { Y62: 'North West' };

function names(you: readonly string[] = []): AuditNames {
  return {
    people: new Map([
      [LEAD_ID, 'Example Lead'],
      [ROBIN_ID, 'Robin Example'],
      [SAM_ID, 'Sam Example'],
    ]),
    requests: new Map([
      [SAM_REQUEST, 'Sam Example'],
      [ROBIN_REQUEST, 'Robin Example'],
    ]),
    you: new Set(you),
    regionName: (code) => REGIONS[code],
  };
}

function entry(fields: Partial<AuditEntry> & Pick<AuditEntry, 'action'>): AuditEntry {
  return { at: '2026-12-02T09:14:00.000Z', actor: LEAD_ID, subject: '', related: undefined, ...fields };
}

const what = (fields: Partial<AuditEntry> & Pick<AuditEntry, 'action'>, you: readonly string[] = []) =>
  describeAuditEntry(entry(fields), names(you)).what;

describe('describeAuditEntry', () => {
  it('writes the full day, date and UK time, in winter and in summer time', () => {
    expect(describeAuditEntry(entry({ action: 'data.erase' }), names()).when).toBe('Wednesday 2 December 2026, 09:14');
    expect(describeAuditEntry(entry({ action: 'data.erase', at: '2026-07-01T08:00:00.000Z' }), names()).when).toBe(
      'Wednesday 1 July 2026, 09:00',
    );
  });

  it('says who signed up, withdrew, and how a lead decided, by name', () => {
    expect(what({ action: 'buddy.signUp', actor: SAM_ID, subject: SAM_REQUEST, detail: { kind: 'new' } })).toBe(
      'Sam Example signed up to the buddy scheme as new to post',
    );
    expect(what({ action: 'buddy.signUp', actor: ROBIN_ID, subject: ROBIN_REQUEST })).toBe(
      'Robin Example signed up to the buddy scheme as a mentor',
    );
    expect(what({ action: 'buddy.signUp', actor: SAM_ID, subject: SAM_REQUEST, detail: { kind: 'updated' } })).toBe(
      'Sam Example updated their buddy scheme request',
    );
    expect(what({ action: 'buddy.approve', subject: ROBIN_REQUEST, detail: { from: 'pending' } })).toBe(
      'Example Lead approved Robin Example\u2019s request to mentor',
    );
    expect(what({ action: 'buddy.decline', subject: SAM_REQUEST })).toBe(
      'Example Lead declined Sam Example\u2019s request',
    );
    expect(what({ action: 'buddy.withdraw', actor: SAM_ID, subject: SAM_REQUEST })).toBe(
      'Sam Example withdrew their buddy scheme request',
    );
  });

  it('tells an approval with a match from a later match', () => {
    const match = { action: 'buddy.match', subject: SAM_REQUEST, related: ROBIN_REQUEST } as const;

    expect(what({ ...match, detail: { from: 'pending' } })).toBe(
      'Example Lead approved Sam Example\u2019s request and matched with Robin Example',
    );
    expect(what({ ...match, detail: { from: 'approved' } })).toBe(
      'Example Lead matched Sam Example with Robin Example',
    );
    expect(what(match)).toBe('Example Lead matched Sam Example with Robin Example');
  });

  it('writes the reader as "you" on their own data card', () => {
    const you = [SAM_ID, SAM_REQUEST];

    expect(what({ action: 'buddy.signUp', actor: SAM_ID, subject: SAM_REQUEST }, you)).toBe(
      'You signed up to the buddy scheme as new to post',
    );
    expect(
      what({ action: 'buddy.match', subject: SAM_REQUEST, related: ROBIN_REQUEST, detail: { from: 'pending' } }, you),
    ).toBe('Example Lead approved your request and matched with Robin Example');
    expect(what({ action: 'buddy.withdraw', actor: SAM_ID, subject: SAM_REQUEST }, you)).toBe(
      'You withdrew your buddy scheme request',
    );
    expect(
      what({ action: 'buddy.match', subject: SAM_REQUEST, related: ROBIN_REQUEST }, [ROBIN_ID, ROBIN_REQUEST]),
    ).toBe('Example Lead matched Sam Example with you');
  });

  it('labels people it has no name for, erased people and the scheduler plainly', () => {
    expect(what({ action: 'role.addLead', actor: UNNAMED_ID, subject: ROBIN_ID })).toBe(
      'A person the bot has no name for (\u20261a2b3c) added Robin Example as a lead',
    );
    expect(what({ action: 'buddy.decline', subject: 'newToPost.goneToken' })).toBe(
      'Example Lead declined a request the bot no longer holds (\u2026eToken)',
    );
    expect(what({ action: 'buddy.signUp', actor: 'erased-0123456789ab', subject: 'erased-0123456789ab' })).toBe(
      'An erased person signed up to the buddy scheme',
    );
    expect(
      what({
        action: 'buddy.match',
        subject: 'erased-0123456789ab',
        related: ROBIN_REQUEST,
        detail: { from: 'pending' },
      }),
    ).toBe('Example Lead approved an erased person\u2019s request and matched with Robin Example');
    expect(what({ action: 'data.erase', actor: 'erased-0123456789ab', subject: 'erased-0123456789ab' })).toBe(
      'A person\u2019s data was erased at their request',
    );
  });

  it('escapes names for the card, so a name cannot become a link or formatting', () => {
    const card = describeAuditEntry(entry({ action: 'buddy.decline', subject: 'develop.odd' }), {
      ...names(),
      requests: new Map([['develop.odd', '**Bold** [link](https://example.org)']]),
    });

    expect(card.what).toBe('Example Lead declined \\*\\*Bold\\*\\* \\[link\\]\\(https://example.org\\)\u2019s request');
  });

  it('says what changed on one webinar, with its full date', () => {
    const occurrence = '2027-01-14T13:00';

    expect(
      what({ action: 'webinar.change', subject: occurrence, detail: { date: '2027-01-14', change: 'cancelled' } }),
    ).toBe('Example Lead cancelled the webinar of 14 January 2027');
    expect(
      what({ action: 'webinar.change', subject: occurrence, detail: { date: '2027-01-14', change: 'topic,link' } }),
    ).toBe('Example Lead changed the topic and link of the webinar of 14 January 2027');
    expect(what({ action: 'webinar.change', subject: occurrence, detail: { change: 'recording' } })).toBe(
      'Example Lead added a recording to the webinar of 14 January 2027',
    );
    expect(what({ action: 'webinar.change', subject: occurrence, detail: { change: 'restored,topic' } })).toBe(
      'Example Lead restored the webinar of 14 January 2027 and changed its topic',
    );
    // Rows written before details were kept.
    expect(what({ action: 'webinar.change', subject: occurrence, related: 'cancelled' })).toBe(
      'Example Lead cancelled the webinar of 14 January 2027',
    );
    expect(what({ action: 'webinar.change', subject: occurrence })).toBe(
      'Example Lead changed the webinar of 14 January 2027',
    );
  });

  it('says what the webinar schedule was set to', () => {
    expect(
      what({
        action: 'webinar.schedule',
        subject: 'webinar',
        detail: { summary: 'the second Thursday of every month, 13:00 to 14:00 UK time' },
      }),
    ).toBe('Example Lead set the webinar schedule to the second Thursday of every month, 13:00 to 14:00 UK time');
    expect(what({ action: 'webinar.schedule', subject: 'webinar' })).toBe('Example Lead changed the webinar schedule');
  });

  it('describes reminders sent by hand and when a broadcast finished, with its counts', () => {
    expect(what({ action: 'reminder.sendNow', subject: 'now-1', related: '2027-01-14T13:00' })).toBe(
      'Example Lead sent the reminder for the webinar of 14 January 2027 by hand',
    );
    expect(
      what({
        action: 'reminder.broadcast',
        actor: 'scheduler',
        subject: 'b-1',
        related: '2027-01-14T13:00',
        detail: { delivered: '120', unreachable: '3', failed: '0' },
      }),
    ).toBe('The scheduled reminder for the webinar of 14 January 2027 finished: 120 sent, 3 unreachable');
    expect(what({ action: 'reminder.broadcast', subject: 'b-2', related: '2027-01-14T13:00' })).toBe(
      'The reminder for the webinar of 14 January 2027 that Example Lead sent by hand finished',
    );
  });

  it('names the leads added and removed', () => {
    expect(what({ action: 'role.addLead', subject: ROBIN_ID })).toBe('Example Lead added Robin Example as a lead');
    expect(what({ action: 'role.removeLead', subject: UNNAMED_ID })).toBe(
      'Example Lead removed a person the bot has no name for (\u20261a2b3c) as a lead',
    );
  });

  it('says which part of the directory changed, with region names', () => {
    expect(what({ action: 'directory.save', detail: { section: 'Y62', fields: 'lead email,page' } })).toBe(
      'Example Lead changed the North West network\u2019s lead email and page',
    );
    expect(what({ action: 'directory.save', detail: { section: 'national', fields: 'email' } })).toBe(
      'Example Lead changed the national lead\u2019s email',
    );
    expect(what({ action: 'directory.save', detail: { section: 'steering' } })).toBe(
      'Example Lead changed the steering group',
    );
    expect(what({ action: 'directory.save' })).toBe('Example Lead changed the directory');
    expect(what({ action: 'directory.restore', detail: { version: '12', section: 'Y62' } })).toBe(
      'Example Lead restored directory version 12 (the North West network)',
    );
    expect(what({ action: 'directory.restore' })).toBe('Example Lead restored an earlier version of the directory');
  });

  it('never prints an action code name or an ISO date, whatever the entry', () => {
    const actions: AuditEntry['action'][] = [
      'buddy.signUp',
      'buddy.approve',
      'buddy.decline',
      'buddy.match',
      'buddy.withdraw',
      'webinar.schedule',
      'webinar.change',
      'reminder.sendNow',
      'reminder.broadcast',
      'data.erase',
      'role.addLead',
      'role.removeLead',
      'directory.save',
      'directory.restore',
    ];
    for (const action of actions) {
      const line = describeAuditEntry(
        entry({ action, subject: '2027-01-14T13:00', related: '2027-01-14T13:00' }),
        names(),
      );
      const text = `${line.when} ${line.what}`;
      expect(text, action).not.toMatch(/\b(buddy|webinar|reminder|data|role|directory)\.[a-zA-Z]/);
      expect(text, action).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });
});
