import { odata, type TableClient } from '@azure/data-tables';
import type { SupportRequest } from './supportScheme.js';
import { toTableKey } from '../../platform/storage/tableKeys.js';
import { isConflict, isNotFound, succeeds } from '../../platform/storage/tableErrors.js';
import { conversationOf, RequestRows, type CardCopy, type StoredRequest } from '../../platform/storage/requestRows.js';

/** A copy of a question's card: the asker's own view, or (no viewer) a lead's, who can act on it. */
export type SupportCardCopy = CardCopy<'asker'>;

export type StoredSupportRequest = StoredRequest<SupportRequest, SupportCardCopy>;

/** One row per day and lead whose digest was sent (or is being sent): a lead gets one a day, whichever instance sends it. */
const DIGESTS = 'digest';

/**
 * Table `SupportRequests`: one row per question (status and asker are columns for lists), and
 * beside them which lead got which day's digest.
 */
export class SupportRequests extends RequestRows<SupportRequest, SupportCardCopy, 'status' | 'userId'> {
  constructor(table: TableClient) {
    super(table, ({ status, userId }) => ({ status, userId }));
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
    await this.removeDigests(odata`PartitionKey eq ${DIGESTS}`, (rowKey) =>
      suffixes.some((suffix) => rowKey.endsWith(suffix)),
    );
  }

  /** Retention: the digest claims of days before `day` (YYYY-MM-DD); resolves to how many went. */
  async forgetDigestsBefore(day: string): Promise<number> {
    return this.removeDigests(odata`PartitionKey eq ${DIGESTS} and RowKey lt ${day}`, (rowKey) => rowKey < day);
  }

  /**
   * Erasure of a lead: other people's requests keep the lead's answers, under "A lead", and lose
   * the lead's ids and the copies of the card in the lead's chat.
   */
  async forgetPerson(ids: ReadonlySet<string>, pseudonym: string, chatId: string | undefined): Promise<void> {
    const copyInChat = (copy: SupportCardCopy) => chatId !== undefined && conversationOf(copy) === chatId;
    const mentions = ({ request, cardCopies }: StoredSupportRequest) =>
      (request.takenBy !== undefined && ids.has(request.takenBy.id)) ||
      request.thread.some((entry) => ids.has(entry.by)) ||
      cardCopies.some(copyInChat);
    await this.rewriteWhere(mentions, ({ request, cardCopies }) => ({
      request: {
        ...request,
        takenBy:
          request.takenBy && ids.has(request.takenBy.id)
            ? { ...request.takenBy, id: pseudonym, name: 'A lead' }
            : request.takenBy,
        thread: request.thread.map((entry) =>
          ids.has(entry.by) ? { ...entry, by: pseudonym, byName: 'A lead' } : entry,
        ),
      },
      cardCopies: cardCopies.filter((copy) => !copyInChat(copy)),
    }));
  }

  /** Deletes the digest claims the filter finds and `remove` confirms (checked in code too); resolves to how many. */
  private async removeDigests(filter: string, remove: (rowKey: string) => boolean): Promise<number> {
    let removed = 0;
    for await (const row of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) {
      const { rowKey } = row;
      if (!rowKey || !remove(rowKey)) continue;
      await this.table.deleteEntity(DIGESTS, rowKey).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
      removed += 1;
    }
    return removed;
  }
}
