import { randomBytes } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';

/**
 * Facts about what was done that name nobody: a webinar date, a directory section, the fields
 * changed. Never a name, an email or text somebody typed.
 */
export type AuditDetail = Readonly<Record<string, string>>;

/** One thing somebody did that must be accountable: ids, an action and plain details, never free text. */
export interface AuditEntry {
  at: string;
  /** Entra object id of who did it. */
  actor: string;
  action:
    | 'buddy.signUp'
    | 'buddy.approve'
    | 'buddy.decline'
    | 'buddy.match'
    | 'buddy.withdraw'
    | 'buddy.endPairing'
    | 'buddy.askAgain'
    | 'buddy.pause'
    | 'buddy.resume'
    | 'buddy.checkIn'
    | 'buddy.checkInAnswer'
    | 'webinar.schedule'
    | 'webinar.change'
    | 'reminder.sendNow'
    | 'reminder.broadcast'
    | 'data.erase'
    | 'role.addLead'
    | 'role.removeLead'
    | 'directory.save'
    | 'directory.restore'
    | 'support.ask'
    | 'support.take'
    | 'support.answer'
    | 'support.close'
    | 'support.resolve'
    | 'support.reopen'
    | 'answers.add'
    | 'answers.edit'
    | 'answers.remove'
    | 'announcement.send'
    | 'announcement.broadcast'
    | 'announcement.withdraw'
    | 'broadcast.correction';
  /** The id of what it was done to. */
  subject: string;
  /** Another id involved, such as the mentor's request in a match. */
  related: string | undefined;
  detail?: AuditDetail;
}

type StoredAuditEntry = Omit<AuditEntry, 'related' | 'detail'> & { related: string; detail?: string };

const NEWEST_FIRST = 10 ** 15;

/** Older rows have no details; a row written by hand with bad JSON shows none rather than failing the log. */
function parseDetail(stored: string | undefined): AuditDetail | undefined {
  if (!stored) return undefined;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return Object.fromEntries(
      Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
    );
  } catch {
    return undefined;
  }
}

/** Table `Audit`: append-only; a row key that sorts newest first. */
export class AuditLog {
  constructor(private readonly table: TableClient) {}

  async record(entry: AuditEntry): Promise<void> {
    const time = Date.parse(entry.at);
    await this.table.createEntity({
      partitionKey: 'audit',
      rowKey: `${String(NEWEST_FIRST - time).padStart(16, '0')}-${randomBytes(4).toString('hex')}`,
      ...entry,
      related: entry.related ?? '',
      detail: entry.detail ? JSON.stringify(entry.detail) : '',
    });
  }

  /** The newest entries first; with `about`, only those naming one of these ids. */
  async latest(count: number, about?: ReadonlySet<string>): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    for await (const entity of this.table.listEntities<StoredAuditEntry>()) {
      const entry: AuditEntry = {
        at: entity.at,
        actor: entity.actor,
        action: entity.action,
        subject: entity.subject,
        related: entity.related || undefined,
        detail: parseDetail(entity.detail),
      };
      if (about && ![entry.actor, entry.subject, entry.related].some((id) => id !== undefined && about.has(id)))
        continue;
      entries.push(entry);
      if (entries.length >= count) break;
    }
    return entries;
  }

  /**
   * Erasure: entries naming the person keep their shape (what was done, when) with the person's
   * ids replaced by a pseudonym that nothing else links to them.
   */
  async pseudonymise(ids: ReadonlySet<string>, pseudonym: string): Promise<void> {
    const swap = (value: string) => (ids.has(value) ? pseudonym : value);
    for await (const entity of this.table.listEntities<StoredAuditEntry>()) {
      if (![entity.actor, entity.subject, entity.related].some((id) => ids.has(id))) continue;
      await this.table.updateEntity(
        {
          partitionKey: entity.partitionKey ?? '',
          rowKey: entity.rowKey ?? '',
          actor: swap(entity.actor),
          subject: swap(entity.subject),
          related: swap(entity.related),
        },
        'Merge',
      );
    }
  }
}
