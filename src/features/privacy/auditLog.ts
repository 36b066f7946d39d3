import { randomBytes } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';

/** One thing somebody did that must be accountable: ids and an action, never free text. */
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
    | 'webinar.schedule'
    | 'webinar.change'
    | 'reminder.sendNow'
    | 'reminder.broadcast'
    | 'data.erase';
  /** The id of what it was done to. */
  subject: string;
  /** Another id involved, such as the mentor's request in a match. */
  related: string | undefined;
}

const NEWEST_FIRST = 10 ** 15;

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
    });
  }

  /** The newest entries first; with `about`, only those naming one of these ids. */
  async latest(count: number, about?: ReadonlySet<string>): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    for await (const entity of this.table.listEntities<AuditEntry & { related: string }>()) {
      const entry = {
        at: entity.at,
        actor: entity.actor,
        action: entity.action,
        subject: entity.subject,
        related: entity.related || undefined,
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
    for await (const entity of this.table.listEntities<AuditEntry & { related: string }>()) {
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
