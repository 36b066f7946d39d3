import { odata, type TableClient } from '@azure/data-tables';
import type { SupportRequest, SupportStatus } from './supportScheme.js';
import { toTableKey } from '../../platform/storage/tableKeys.js';
import {
  isConflict,
  isNotFound,
  isPreconditionFailed,
  succeeds,
  unlessMissing,
} from '../../platform/storage/tableErrors.js';

/** Where a copy of a request's card is, so every copy shows each change. */
export interface SupportCardCopy {
  reference: Record<string, unknown>;
  activityId: string;
  /** The person who asked sees their own view; a lead's copy (absent) can act. */
  viewer?: 'asker';
}

export interface StoredSupportRequest {
  request: SupportRequest;
  cardCopies: SupportCardCopy[];
  etag: string;
}

interface RequestEntity {
  partitionKey: string;
  rowKey: string;
  status: string;
  userId: string;
  body: string;
  cardCopies: string;
}

const PARTITION = 'request';
/** One row per day and lead whose digest was sent (or is being sent): a lead gets one a day, whichever instance sends it. */
const DIGESTS = 'digest';

/**
 * Table `SupportRequests`: one row per question. Status and asker are columns for queries; the
 * rest is one JSON body. Every change is conditional on the ETag that was read.
 */
export class SupportRequests {
  constructor(private readonly table: TableClient) {}

  async get(id: string): Promise<StoredSupportRequest | undefined> {
    const entity = await unlessMissing(() => this.table.getEntity<RequestEntity>(PARTITION, id));
    return entity && fromEntity(entity);
  }

  /** Creates the request; false when its id is taken. */
  async create(request: SupportRequest, cardCopies: SupportCardCopy[] = []): Promise<boolean> {
    return succeeds(() => this.table.createEntity(toEntity(request, cardCopies)), isConflict);
  }

  /** Replaces the request if nobody changed it since `etag` was read; false when somebody did. */
  async replace(request: SupportRequest, etag: string, cardCopies: SupportCardCopy[]): Promise<boolean> {
    return succeeds(
      () => this.table.updateEntity(toEntity(request, cardCopies), 'Replace', { etag }),
      isPreconditionFailed,
      isNotFound,
    );
  }

  /** Records where copies of the card went; retried on a concurrent change. */
  async addCardCopies(id: string, copies: SupportCardCopy[]): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const stored = await this.get(id);
      if (!stored) return;
      if (await this.replace(stored.request, stored.etag, [...stored.cardCopies, ...copies])) return;
    }
  }

  async remove(id: string): Promise<void> {
    await this.table.deleteEntity(PARTITION, id).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  /** Claims the day's digest for a lead; false when it was already claimed (by this or another instance). */
  async claimDigest(day: string, leadId: string): Promise<boolean> {
    return succeeds(
      () => this.table.createEntity({ partitionKey: DIGESTS, rowKey: `${day}.${toTableKey(leadId)}` }),
      isConflict,
    );
  }

  /** Erasure of a lead: the record of which days' digests they got. */
  async forgetDigestsOf(ids: ReadonlySet<string>): Promise<void> {
    const suffixes = [...ids].map((id) => `.${toTableKey(id)}`);
    const rows = this.table.listEntities({
      queryOptions: { filter: odata`PartitionKey eq ${DIGESTS}`, select: ['RowKey'] },
    });
    for await (const row of rows) {
      if (!row.rowKey || !suffixes.some((suffix) => row.rowKey?.endsWith(suffix))) continue;
      await this.table.deleteEntity(DIGESTS, row.rowKey).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    }
  }

  /** Retention: the digest claims of days before `day` (YYYY-MM-DD); resolves to how many went. */
  async forgetDigestsBefore(day: string): Promise<number> {
    let removed = 0;
    const rows = this.table.listEntities({
      queryOptions: { filter: odata`PartitionKey eq ${DIGESTS} and RowKey lt ${day}`, select: ['RowKey'] },
    });
    for await (const row of rows) {
      if (!row.rowKey || row.rowKey >= day) continue;
      await this.table.deleteEntity(DIGESTS, row.rowKey).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
      removed += 1;
    }
    return removed;
  }

  /** Oldest first. */
  async list(filter: { status?: SupportStatus; userId?: string } = {}): Promise<StoredSupportRequest[]> {
    const clauses = [
      odata`PartitionKey eq ${PARTITION}`,
      filter.status ? odata`status eq ${filter.status}` : undefined,
      filter.userId ? odata`userId eq ${filter.userId}` : undefined,
    ].filter((clause): clause is string => clause !== undefined);
    const found: StoredSupportRequest[] = [];
    for await (const entity of this.table.listEntities<RequestEntity>({
      queryOptions: { filter: clauses.join(' and ') },
    })) {
      // Checked in code too: Azurite has been seen to return rows its filter should have left out.
      if (entity.partitionKey !== PARTITION) continue;
      if ((filter.status && entity.status !== filter.status) || (filter.userId && entity.userId !== filter.userId))
        continue;
      found.push(fromEntity(entity));
    }
    return found.sort((a, b) => a.request.createdAt.localeCompare(b.request.createdAt));
  }

  /**
   * Erasure of a lead: other people's requests keep the lead's answers, under "A lead", and lose
   * the lead's ids and the copies of the card in the lead's chat. Retried on a concurrent change.
   */
  async forgetPerson(ids: ReadonlySet<string>, pseudonym: string, chatId: string | undefined): Promise<void> {
    const copyInChat = (copy: SupportCardCopy) =>
      chatId !== undefined && (copy.reference.conversation as { id?: unknown } | undefined)?.id === chatId;
    const mentions = ({ request, cardCopies }: StoredSupportRequest) =>
      (request.takenBy !== undefined && ids.has(request.takenBy.id)) ||
      request.thread.some((entry) => ids.has(entry.by)) ||
      cardCopies.some(copyInChat);
    for (const listed of await this.list()) {
      for (
        let attempt = 0, stored: StoredSupportRequest | undefined = listed;
        stored && mentions(stored);
        attempt += 1, stored = await this.get(listed.request.id)
      ) {
        const { request } = stored;
        const scrubbed: SupportRequest = {
          ...request,
          takenBy:
            request.takenBy && ids.has(request.takenBy.id)
              ? { ...request.takenBy, id: pseudonym, name: 'A lead' }
              : request.takenBy,
          thread: request.thread.map((entry) =>
            ids.has(entry.by) ? { ...entry, by: pseudonym, byName: 'A lead' } : entry,
          ),
        };
        const copies = stored.cardCopies.filter((copy) => !copyInChat(copy));
        if (await this.replace(scrubbed, stored.etag, copies)) break;
        if (attempt >= 10) throw new Error('A support request kept changing while a person was being erased');
      }
    }
  }
}

function toEntity(request: SupportRequest, cardCopies: SupportCardCopy[]): RequestEntity {
  return {
    partitionKey: PARTITION,
    rowKey: request.id,
    status: request.status,
    userId: request.userId,
    body: JSON.stringify(request),
    cardCopies: JSON.stringify(cardCopies),
  };
}

function fromEntity(entity: RequestEntity & { etag: string }): StoredSupportRequest {
  return {
    request: JSON.parse(entity.body) as SupportRequest,
    cardCopies: JSON.parse(entity.cardCopies) as SupportCardCopy[],
    etag: entity.etag,
  };
}
