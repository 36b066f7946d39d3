import { odata, type TableClient } from '@azure/data-tables';
import { isConflict, isNotFound, isPreconditionFailed } from '../../platform/storage/tableErrors.js';
import { fromTableKey, toTableKey } from '../../platform/storage/tableKeys.js';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/** A Bot Framework conversation reference, kept as the JSON the SDK produced. */
export type ConversationReferenceJson = Record<string, unknown>;

export interface ConversationRecord {
  conversationId: string;
  kind: ConversationKind;
  tenantId: string | undefined;
  /** Entra object id of the person, for personal chats. */
  userAadObjectId: string | undefined;
  reference: ConversationReferenceJson;
  installedAt: string;
}

export interface StoredConversation extends ConversationRecord {
  etag: string;
}

interface ConversationEntity {
  partitionKey: string;
  rowKey: string;
  conversationId: string;
  kind: string;
  tenantId?: string;
  userAadObjectId?: string;
  reference: string;
  installedAt: string;
}

const ROW = 'reference';
/** Index rows: person -> their personal chat. '.' is not in base64url, so no conversation key collides. */
const BY_USER = 'user.index';
/** How many conversation ids this process remembers as stored (a few thousand MSOs and channels). */
const KNOWN_IDS_LIMIT = 20_000;

/** Table `Conversations`: one row per conversation the bot is installed in. */
export class ConversationReferences {
  /**
   * Conversations this process has seen stored, with the person's name as stored, so `ensure` on
   * every message costs no storage call unless the name is new (Teams' install events carry none).
   */
  private readonly known = new Map<string, string | undefined>();

  constructor(private readonly table: TableClient) {}

  /** Insert or replace; says whether the conversation was new to the bot. */
  async save(record: ConversationRecord): Promise<{ created: boolean }> {
    const entity = toEntity(record);
    await this.indexByUser(record);
    try {
      await this.table.createEntity(entity);
      this.remember(record);
      return { created: true };
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const existing = await this.get(record.conversationId);
    // Keep the first install time: a re-sent install is not a new install.
    await this.table.upsertEntity({ ...entity, installedAt: existing?.installedAt ?? entity.installedAt }, 'Replace');
    this.remember(record);
    return { created: false };
  }

  /**
   * Inserts the conversation if it is not known yet (one storage call); says whether it was new.
   * A personal chat's record also takes the person's name the first time a message brings it, so
   * the leads' cards and the audit log can name them.
   */
  async ensure(record: ConversationRecord): Promise<{ created: boolean }> {
    const name = userNameOf(record.reference);
    if (this.known.has(record.conversationId) && (name === undefined || this.known.get(record.conversationId) === name))
      return { created: false };
    await this.indexByUser(record);
    try {
      await this.table.createEntity(toEntity(record));
      this.remember(record);
      return { created: true };
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const existing = await this.get(record.conversationId);
    if (existing && name !== undefined && userNameOf(existing.reference) !== name) {
      const user = { ...(existing.reference.user as Record<string, unknown> | undefined), name };
      // Over the ETag read: an install replacing the record meanwhile wins, and the next message tries again.
      await this.table
        .updateEntity({ ...toEntity({ ...existing, reference: { ...existing.reference, user } }) }, 'Replace', {
          etag: existing.etag,
        })
        .catch((error: unknown) => {
          if (!isPreconditionFailed(error) && !isNotFound(error)) throw error;
        });
    }
    this.remember(record);
    return { created: false };
  }

  async get(conversationId: string): Promise<StoredConversation | undefined> {
    try {
      const entity = await this.table.getEntity<ConversationEntity>(toTableKey(conversationId), ROW);
      return fromEntity(entity, entity.etag);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Removes the conversation; says whether it was there. */
  async remove(conversationId: string): Promise<boolean> {
    try {
      this.known.delete(conversationId);
      await this.table.deleteEntity(toTableKey(conversationId), ROW);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** A person's personal chat with the bot: two point reads, no scan. */
  async findPersonalChat(userAadObjectId: string): Promise<StoredConversation | undefined> {
    try {
      const index = await this.table.getEntity<{ conversationId: string }>(BY_USER, toTableKey(userAadObjectId));
      return await this.get(index.conversationId);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Erasure: removes the person's personal chat and its index row, and takes them out of the
   * references of other conversations they took part in (the reference's `user`). Ids are
   * compared whole: an id that begins with the person's id is somebody else's.
   */
  async forgetPerson(ids: readonly string[]): Promise<void> {
    const person = new Set(ids);
    const isPerson = (id: unknown) => typeof id === 'string' && person.has(id);
    for await (const entity of this.table.listEntities<ConversationEntity>()) {
      const { partitionKey, rowKey } = entity as { partitionKey: string; rowKey: string };
      if (partitionKey === BY_USER) {
        // An index row: person -> their personal chat.
        if (isPerson(fromTableKey(rowKey)) || isPerson(entity.conversationId)) {
          await this.table.deleteEntity(partitionKey, rowKey).catch(ignoreNotFound);
        }
        continue;
      }
      const reference = JSON.parse(entity.reference) as ConversationReferenceJson;
      const user = reference.user as { id?: unknown; aadObjectId?: unknown } | undefined;
      const names = isPerson(user?.id) || isPerson(user?.aadObjectId);
      if (
        entity.kind === 'personal' &&
        (names || isPerson(entity.conversationId) || isPerson(entity.userAadObjectId))
      ) {
        this.known.delete(entity.conversationId);
        await this.table.deleteEntity(partitionKey, rowKey).catch(ignoreNotFound);
      } else if (names) {
        const { user: _user, ...rest } = reference;
        await this.table
          .updateEntity({ partitionKey, rowKey, reference: JSON.stringify(rest) }, 'Merge')
          .catch(ignoreNotFound);
      }
    }
  }

  private async indexByUser(record: ConversationRecord): Promise<void> {
    if (record.kind !== 'personal' || !record.userAadObjectId) return;
    await this.table.upsertEntity(
      { partitionKey: BY_USER, rowKey: toTableKey(record.userAadObjectId), conversationId: record.conversationId },
      'Replace',
    );
  }

  async *list(kind?: ConversationKind): AsyncGenerator<StoredConversation> {
    const rows = this.table.listEntities<ConversationEntity>({
      queryOptions: {
        filter: kind ? odata`PartitionKey ne ${BY_USER} and kind eq ${kind}` : odata`PartitionKey ne ${BY_USER}`,
      },
    });
    // Checked in code too: Azurite has been seen to return rows its filter should have left out.
    for await (const entity of rows)
      if (entity.partitionKey !== BY_USER && (!kind || entity.kind === kind)) yield fromEntity(entity, entity.etag);
  }

  private remember(record: ConversationRecord): void {
    if (this.known.size >= KNOWN_IDS_LIMIT) this.known.clear();
    this.known.set(record.conversationId, userNameOf(record.reference));
  }
}

/** The person's display name in a personal chat's reference, if the channel gave one. */
export function userNameOf(reference: ConversationReferenceJson): string | undefined {
  const name = (reference.user as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
}

function ignoreNotFound(error: unknown): void {
  if (!isNotFound(error)) throw error;
}

function toEntity(record: ConversationRecord): ConversationEntity {
  return {
    partitionKey: toTableKey(record.conversationId),
    rowKey: ROW,
    conversationId: record.conversationId,
    kind: record.kind,
    ...(record.tenantId ? { tenantId: record.tenantId } : {}),
    ...(record.userAadObjectId ? { userAadObjectId: record.userAadObjectId } : {}),
    reference: JSON.stringify(record.reference),
    installedAt: record.installedAt,
  };
}

function fromEntity(entity: ConversationEntity, etag: string): StoredConversation {
  return {
    conversationId: entity.conversationId,
    kind: entity.kind as ConversationKind,
    tenantId: entity.tenantId,
    userAadObjectId: entity.userAadObjectId,
    reference: JSON.parse(entity.reference) as ConversationReferenceJson,
    installedAt: entity.installedAt,
    etag,
  };
}
