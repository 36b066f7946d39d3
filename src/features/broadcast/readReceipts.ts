import { odata, type TableClient } from '@azure/data-tables';
import {
  isConflict,
  isNotFound,
  isPreconditionFailed,
  succeeds,
  unlessMissing,
} from '../../platform/storage/tableErrors.js';
import { toTableKey } from '../../platform/storage/tableKeys.js';
import type { BotDeps } from '../botDeps.js';
import type { Storage } from '../../storage.js';

interface ReceiptEntity {
  partitionKey: string;
  rowKey: string;
  conversationId: string;
  /** The id of the last message the person read in their chat with the bot. */
  lastReadMessageId: string;
  updatedAt: string;
}

const PARTITION = 'receipt';

/**
 * Whether a message was read, given the last one read in that chat. Teams' message ids in a
 * chat are numbers that grow with time, so a receipt for a later message covers the earlier
 * ones; an id that is not a number is read only if it is the one named.
 */
export function isRead(messageId: string, lastReadMessageId: string): boolean {
  if (messageId === lastReadMessageId) return true;
  const numeric = /^\d{1,30}$/;
  if (!numeric.test(messageId) || !numeric.test(lastReadMessageId)) return false;
  return (
    messageId.length < lastReadMessageId.length ||
    (messageId.length === lastReadMessageId.length && messageId < lastReadMessageId)
  );
}

/** Table `ReadReceipts`: per personal chat, the last message read (Teams sends these; channels have none). */
export class ReadReceipts {
  constructor(private readonly table: TableClient) {}

  /** Keeps the latest of what is stored and this receipt (receipts can arrive out of order). */
  async record(conversationId: string, lastReadMessageId: string, now: Date): Promise<void> {
    const entity: ReceiptEntity = {
      partitionKey: PARTITION,
      rowKey: toTableKey(conversationId),
      conversationId,
      lastReadMessageId,
      updatedAt: now.toISOString(),
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = await unlessMissing(() => this.table.getEntity<ReceiptEntity>(PARTITION, entity.rowKey));
      if (current && isRead(lastReadMessageId, current.lastReadMessageId)) return;
      const written = current
        ? await succeeds(() => this.table.updateEntity(entity, 'Replace', { etag: current.etag }), isPreconditionFailed)
        : await succeeds(() => this.table.createEntity(entity), isConflict);
      if (written) return;
    }
  }

  /** The last message read in the chat, and when Teams said so. */
  async get(conversationId: string): Promise<{ lastReadMessageId: string; updatedAt: string } | undefined> {
    const entity = await unlessMissing(() =>
      this.table.getEntity<ReceiptEntity>(PARTITION, toTableKey(conversationId)),
    );
    return entity && { lastReadMessageId: entity.lastReadMessageId, updatedAt: entity.updatedAt };
  }

  /** Every chat's last message read, by conversation id: one scan. */
  async all(): Promise<Map<string, string>> {
    const receipts = new Map<string, string>();
    const rows = this.table.listEntities<ReceiptEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` },
    });
    for await (const row of rows)
      if (row.partitionKey === PARTITION) receipts.set(row.conversationId, row.lastReadMessageId);
    return receipts;
  }

  async remove(conversationId: string): Promise<void> {
    await succeeds(() => this.table.deleteEntity(PARTITION, toTableKey(conversationId)), isNotFound);
  }
}

/**
 * A read receipt from Teams, as the edge hands it over: kept for a personal chat the bot knows,
 * when the id looks like a message id. False when it was not kept.
 */
export async function recordReadReceipt(
  deps: Pick<BotDeps, 'storage'>,
  receipt: { conversationId: string; personal: boolean; lastReadMessageId: unknown },
): Promise<boolean> {
  const { conversationId, personal, lastReadMessageId } = receipt;
  if (!personal || typeof lastReadMessageId !== 'string' || !/^[\w:.;=-]{1,100}$/.test(lastReadMessageId)) return false;
  if (!(await deps.storage.conversations.get(conversationId))) return false;
  await deps.storage.readReceipts.record(conversationId, lastReadMessageId, new Date());
  return true;
}

/** How many of a broadcast's personal chats have read it: the reports' "read by N of M". */
export interface Reads {
  read: number;
  personal: number;
}

/** Counts, over the copies a broadcast delivered to personal chats, those their person has read since. */
export async function readsOf(
  storage: Pick<Storage, 'broadcasts' | 'readReceipts'>,
  broadcastId: string,
): Promise<Reads> {
  const last = await storage.readReceipts.all();
  const reads = { read: 0, personal: 0 };
  for await (const copy of storage.broadcasts.deliveredCopies(broadcastId)) {
    if (copy.kind !== 'personal') continue;
    reads.personal += 1;
    const lastRead = last.get(copy.conversationId);
    if (lastRead && copy.activityId && isRead(copy.activityId, lastRead)) reads.read += 1;
  }
  return reads;
}

/** The report's lines about reading, the same for every kind of broadcast. */
export function readLines(reads: Reads): string[] {
  return [
    `Read by ${String(reads.read)} of ${String(reads.personal)} personal chats so far.`,
    'Channels and group chats send no read receipts, and people can turn theirs off in Teams, so more may have read it.',
  ];
}
