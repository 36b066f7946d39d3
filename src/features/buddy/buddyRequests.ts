import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { newPersonToken, type BuddyRequest } from './buddyScheme.js';
import {
  isConflict,
  isNotFound,
  isPreconditionFailed,
  succeeds,
  unlessMissing,
} from '../../platform/storage/tableErrors.js';
import { toTableKey } from '../../platform/storage/tableKeys.js';

/** Where a copy of a request's card is, so every copy can be updated after a change. */
export interface CardCopy {
  reference: Record<string, unknown>;
  activityId: string;
  /** Whose view the copy shows: the applicant's own card, the region's lead's read-only copy, or (absent) a lead's. */
  viewer?: 'applicant' | 'regional';
}

export interface StoredBuddyRequest {
  request: BuddyRequest;
  cardCopies: CardCopy[];
  etag: string;
}

interface RequestEntity {
  partitionKey: string;
  rowKey: string;
  status: string;
  wayIn: string;
  userId: string;
  body: string;
  cardCopies: string;
}

const PARTITION = 'request';
/** person (table key of their id) -> their random token, the person part of their request ids. */
const PERSONS = 'person';

/**
 * Table `BuddyRequests`: one row per person and way in. Status and way in are columns for
 * queries; the rest is one JSON body. Every change is conditional on the ETag that was read.
 */
export class BuddyRequests {
  constructor(private readonly table: TableClient) {}

  async get(id: string): Promise<StoredBuddyRequest | undefined> {
    const entity = await unlessMissing(() => this.table.getEntity<RequestEntity>(PARTITION, id));
    return entity && fromEntity(entity);
  }

  /** The person's token for request ids, made on first use (two at once agree on one). */
  async personTokenFor(userId: string): Promise<string> {
    const rowKey = toTableKey(userId);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        return (await this.table.getEntity<{ token: string }>(PERSONS, rowKey)).token;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      const token = newPersonToken();
      try {
        await this.table.createEntity({ partitionKey: PERSONS, rowKey, token });
        return token;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new Error('A person token could not be read or made');
  }

  /** Erasure: the token goes, so nothing links the person's id to their former requests. */
  async forgetPersonToken(userId: string): Promise<void> {
    await this.table.deleteEntity(PERSONS, toTableKey(userId)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  /** Creates the request; false when it already exists. */
  async create(request: BuddyRequest): Promise<boolean> {
    return succeeds(() => this.table.createEntity(toEntity(request, [])), isConflict);
  }

  /** Replaces the request if nobody changed it since `etag` was read; false when somebody did. */
  async replace(request: BuddyRequest, etag: string, cardCopies: CardCopy[] = []): Promise<boolean> {
    return succeeds(
      () => this.table.updateEntity(toEntity(request, cardCopies), 'Replace', { etag }),
      isPreconditionFailed,
      isNotFound,
    );
  }

  /**
   * Replaces several requests at once, all or none, each only if unchanged since its ETag was
   * read (a match changes the applicant and the mentor together). False when any had changed.
   */
  async replaceTogether(
    changes: readonly { request: BuddyRequest; etag: string; cardCopies: CardCopy[] }[],
  ): Promise<boolean> {
    return succeeds(
      () =>
        this.table.submitTransaction(
          changes.map(({ request, etag, cardCopies }): TransactionAction => [
            'update',
            { ...toEntity(request, cardCopies) },
            'Replace',
            { etag },
          ]),
        ),
      isPreconditionFailed,
      isNotFound,
      isConflict,
    );
  }

  /** Records where a lead's approval card went; retried on a concurrent change. */
  async addCardCopies(id: string, copies: CardCopy[]): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const stored = await this.get(id);
      if (!stored) return;
      if (await this.replace(stored.request, stored.etag, [...stored.cardCopies, ...copies])) return;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.table.deleteEntity(PARTITION, id);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /**
   * Erasure: other people's requests that mention the person (a lead's decision, a pairing, a
   * card copy in their chat) keep the request but lose the person's ids and name. Fields are
   * compared whole: an id that begins with the person's id is somebody else's.
   */
  async forgetPerson(ids: ReadonlySet<string>, pseudonym: string): Promise<void> {
    const copyNamesPerson = (copy: CardCopy) => {
      const { user } = copy.reference as { user?: { id?: unknown; aadObjectId?: unknown } };
      return [user?.id, user?.aadObjectId, conversationOf(copy)].some((id) => typeof id === 'string' && ids.has(id));
    };
    const mentions = ({ request, cardCopies }: StoredBuddyRequest) =>
      (request.decision !== undefined && ids.has(request.decision.by)) ||
      request.pairedWith.some((id) => ids.has(id)) ||
      cardCopies.some(copyNamesPerson);
    for (const listed of await this.list()) {
      // Re-read and retry when someone changes the request meanwhile: the ids must go.
      for (
        let attempt = 0, stored: StoredBuddyRequest | undefined = listed;
        stored && mentions(stored);
        attempt += 1, stored = await this.get(listed.request.id)
      ) {
        const { request } = stored;
        const decision =
          request.decision && ids.has(request.decision.by)
            ? { ...request.decision, by: pseudonym, byName: 'A lead' }
            : request.decision;
        const scrubbed: BuddyRequest = {
          ...request,
          decision,
          pairedWith: request.pairedWith.filter((pairedId) => !ids.has(pairedId)),
        };
        if (
          await this.replace(
            scrubbed,
            stored.etag,
            stored.cardCopies.filter((copy) => !copyNamesPerson(copy)),
          )
        )
          break;
        if (attempt >= 10) throw new Error('A buddy request kept changing while a person was being erased');
      }
    }
  }

  async list(
    filter: { status?: BuddyRequest['status']; wayIn?: BuddyRequest['wayIn']; userId?: string } = {},
  ): Promise<StoredBuddyRequest[]> {
    const clauses = [
      odata`PartitionKey eq ${PARTITION}`,
      filter.status ? odata`status eq ${filter.status}` : undefined,
      filter.wayIn ? odata`wayIn eq ${filter.wayIn}` : undefined,
      filter.userId ? odata`userId eq ${filter.userId}` : undefined,
    ].filter((clause): clause is string => clause !== undefined);
    const rows = this.table.listEntities<RequestEntity>({ queryOptions: { filter: clauses.join(' and ') } });
    const found: StoredBuddyRequest[] = [];
    for await (const entity of rows) {
      // Checked in code too: Azurite has been seen to return rows its filter should have left out.
      const { partitionKey, status, wayIn, userId } = entity;
      if (partitionKey !== PARTITION) continue;
      if (
        (filter.status && status !== filter.status) ||
        (filter.wayIn && wayIn !== filter.wayIn) ||
        (filter.userId && userId !== filter.userId)
      )
        continue;
      found.push(fromEntity(entity));
    }
    return found.sort((a, b) => a.request.createdAt.localeCompare(b.request.createdAt));
  }
}

function toEntity(request: BuddyRequest, cardCopies: CardCopy[]): RequestEntity {
  return {
    partitionKey: PARTITION,
    rowKey: request.id,
    status: request.status,
    wayIn: request.wayIn,
    userId: request.userId,
    body: JSON.stringify(request),
    cardCopies: JSON.stringify(cardCopies),
  };
}

function fromEntity(entity: RequestEntity & { etag: string }): StoredBuddyRequest {
  return {
    request: JSON.parse(entity.body) as BuddyRequest,
    cardCopies: JSON.parse(entity.cardCopies) as CardCopy[],
    etag: entity.etag,
  };
}

/** The id of the conversation a copy of a request card was posted in. */
export function conversationOf(copy: CardCopy): unknown {
  return (copy.reference.conversation as { id?: unknown } | undefined)?.id;
}
