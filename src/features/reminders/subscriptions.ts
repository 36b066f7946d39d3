import { odata, type TableClient } from '@azure/data-tables';
import type { ConversationKind } from '../conversations/conversationReferences.js';
import { isConflict, isNotFound, unlessMissing } from '../../platform/storage/tableErrors.js';
import { toTableKey } from '../../platform/storage/tableKeys.js';

/** Whether a conversation gets the webinar reminders. */
export interface Subscription {
  conversationId: string;
  kind: ConversationKind;
  /** Switched with "stop reminders" / "start reminders". */
  active: boolean;
  /** The connector said the bot can no longer write there (403/404): not sent to again. */
  unreachable: boolean;
  updatedAt: string;
}

interface SubscriptionEntity extends Subscription {
  partitionKey: string;
  rowKey: string;
}

const PARTITION = 'subscription';

/** Table `Subscriptions`: one row per conversation the bot is installed in. */
export class Subscriptions {
  constructor(private readonly table: TableClient) {}

  /** Installing subscribes; an install announced again keeps what the conversation chose. */
  async subscribe(conversationId: string, kind: ConversationKind, now: Date): Promise<void> {
    try {
      await this.table.createEntity(
        toEntity({ conversationId, kind, active: true, unreachable: false, updatedAt: now.toISOString() }),
      );
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }

  /** "stop reminders" / "start reminders": starting again also clears an old unreachable mark. */
  async setActive(conversationId: string, kind: ConversationKind, active: boolean, now: Date): Promise<void> {
    await this.table.upsertEntity(
      toEntity({ conversationId, kind, active, unreachable: false, updatedAt: now.toISOString() }),
      'Replace',
    );
  }

  /** For the reminder dispatcher: the connector answered 403 or 404 for this conversation. */
  async markUnreachable(conversationId: string, now: Date): Promise<void> {
    try {
      await this.table.updateEntity(
        {
          partitionKey: PARTITION,
          rowKey: toTableKey(conversationId),
          unreachable: true,
          updatedAt: now.toISOString(),
        },
        'Merge',
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async get(conversationId: string): Promise<Subscription | undefined> {
    const entity = await unlessMissing(() =>
      this.table.getEntity<SubscriptionEntity>(PARTITION, toTableKey(conversationId)),
    );
    return entity && fromEntity(entity);
  }

  async remove(conversationId: string): Promise<void> {
    try {
      await this.table.deleteEntity(PARTITION, toTableKey(conversationId));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** How many conversations a reminder would go to now. */
  async countActive(): Promise<number> {
    let count = 0;
    for await (const _subscription of this.active()) count += 1;
    return count;
  }

  /** The conversations a reminder goes to: switched on and reachable. */
  async *active(): AsyncGenerator<Subscription> {
    const rows = this.table.listEntities<SubscriptionEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${PARTITION} and active eq true and unreachable eq false` },
    });
    // Checked in code too: Azurite has been seen to return rows its filter should have left out.
    for await (const entity of rows)
      if (entity.partitionKey === PARTITION && entity.active && !entity.unreachable) yield fromEntity(entity);
  }
}

function toEntity(subscription: Subscription): SubscriptionEntity {
  return { partitionKey: PARTITION, rowKey: toTableKey(subscription.conversationId), ...subscription };
}

function fromEntity(entity: SubscriptionEntity): Subscription {
  const { conversationId, kind, active, unreachable, updatedAt } = entity;
  return { conversationId, kind, active, unreachable, updatedAt };
}
