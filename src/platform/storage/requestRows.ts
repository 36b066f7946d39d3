import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { isConflict, isNotFound, isPreconditionFailed, succeeds, unlessMissing } from './tableErrors.js';

/** Where a copy of a request's card was posted, so every copy can show each change. */
export interface CardCopy<Viewer extends string = string> {
  reference: Record<string, unknown>;
  activityId: string;
  /** Whose view the copy shows; absent for a lead's. */
  viewer?: Viewer;
}

/** The id of the conversation a copy of a card was posted in. */
export function conversationOf(copy: Pick<CardCopy, 'reference'>): unknown {
  return (copy.reference.conversation as { id?: unknown } | undefined)?.id;
}

export interface StoredRequest<T, Copy> {
  request: T;
  cardCopies: Copy[];
  etag: string;
}

interface RequestEntity {
  partitionKey: string;
  rowKey: string;
  body: string;
  cardCopies: string;
  [column: string]: unknown;
}

const PARTITION = 'request';

/**
 * A table of requests people make (a buddy sign-up, a question to the lead): one row each, the
 * request as one JSON body beside the copies of its card, and the fields lists filter on as
 * columns. Every change is conditional on the ETag that was read. Other partitions of the table
 * are the subclass's own.
 */
export class RequestRows<T extends { id: string; createdAt: string }, Copy, Column extends string> {
  constructor(
    protected readonly table: TableClient,
    /** The request's values of the columns lists filter on. */
    private readonly columnsOf: (request: T) => Record<Column, string>,
  ) {}

  async get(id: string): Promise<StoredRequest<T, Copy> | undefined> {
    const entity = await unlessMissing(() => this.table.getEntity<RequestEntity>(PARTITION, id));
    return entity && this.fromEntity(entity);
  }

  /** Creates the request; false when its id is taken. */
  async create(request: T, cardCopies: Copy[] = []): Promise<boolean> {
    return succeeds(() => this.table.createEntity(this.toEntity(request, cardCopies)), isConflict);
  }

  /** Replaces the request if nobody changed it since `etag` was read; false when somebody did. */
  async replace(request: T, etag: string, cardCopies: Copy[] = []): Promise<boolean> {
    return succeeds(
      () => this.table.updateEntity(this.toEntity(request, cardCopies), 'Replace', { etag }),
      isPreconditionFailed,
      isNotFound,
    );
  }

  /** Replaces several requests at once, all or none, each only if unchanged since its ETag was read. */
  async replaceTogether(changes: readonly { request: T; etag: string; cardCopies: Copy[] }[]): Promise<boolean> {
    return succeeds(
      () =>
        this.table.submitTransaction(
          changes.map(({ request, etag, cardCopies }): TransactionAction => [
            'update',
            this.toEntity(request, cardCopies),
            'Replace',
            { etag },
          ]),
        ),
      isPreconditionFailed,
      isNotFound,
      isConflict,
    );
  }

  /** Records where copies of the card went; retried on a concurrent change. */
  async addCardCopies(id: string, copies: Copy[]): Promise<void> {
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

  /**
   * Rewrites every request `mentions` picks (erasure takes a person out of other people's
   * requests), reading it again and retrying when someone changes it meanwhile: the change must land.
   */
  protected async rewriteWhere(
    mentions: (stored: StoredRequest<T, Copy>) => boolean,
    rewrite: (stored: StoredRequest<T, Copy>) => { request: T; cardCopies: Copy[] },
  ): Promise<void> {
    for (const listed of await this.list()) {
      for (
        let attempt = 0, stored: StoredRequest<T, Copy> | undefined = listed;
        stored && mentions(stored);
        attempt += 1, stored = await this.get(listed.request.id)
      ) {
        const { request, cardCopies } = rewrite(stored);
        if (await this.replace(request, stored.etag, cardCopies)) break;
        if (attempt >= 10) throw new Error(`Request ${listed.request.id} kept changing while it was being rewritten`);
      }
    }
  }

  /** The requests whose columns have these values, oldest first. */
  async list(filter: Partial<Record<Column, string>> = {}): Promise<StoredRequest<T, Copy>[]> {
    const wanted = Object.entries(filter).filter((pair): pair is [string, string] => typeof pair[1] === 'string');
    const clauses = [
      odata`PartitionKey eq ${PARTITION}`,
      // Column names are this code's own; only the values need quoting.
      ...wanted.map(([column, value]) => `${column} eq '${value.replace(/'/g, "''")}'`),
    ];
    const found: StoredRequest<T, Copy>[] = [];
    for await (const entity of this.table.listEntities<RequestEntity>({
      queryOptions: { filter: clauses.join(' and ') },
    })) {
      // Checked in code too: Azurite has been seen to return rows its filter should have left out.
      if (entity.partitionKey !== PARTITION || wanted.some(([column, value]) => entity[column] !== value)) continue;
      found.push(this.fromEntity(entity));
    }
    return found.sort((a, b) => a.request.createdAt.localeCompare(b.request.createdAt));
  }

  private toEntity(request: T, cardCopies: Copy[]): RequestEntity {
    return {
      partitionKey: PARTITION,
      rowKey: request.id,
      ...this.columnsOf(request),
      body: JSON.stringify(request),
      cardCopies: JSON.stringify(cardCopies),
    };
  }

  private fromEntity(entity: RequestEntity & { etag: string }): StoredRequest<T, Copy> {
    return {
      request: JSON.parse(entity.body) as T,
      cardCopies: JSON.parse(entity.cardCopies) as Copy[],
      etag: entity.etag,
    };
  }
}
