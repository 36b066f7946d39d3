import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { REGION_CODES } from '../directory/referenceData.js';
import {
  emptyCounts,
  type Broadcast,
  type BroadcastKindName,
  type CorrectionBroadcast,
  type BroadcastState,
  type BroadcastStore,
  type Delivery,
  type DeliveryCounts,
  type DeliveryStatus,
  type FinalDeliveryStatus,
  type BroadcastTarget,
} from './broadcast.js';
import type { ConversationKind } from '../conversations/conversationReferences.js';
import {
  isConflict,
  isNotFound,
  isPreconditionFailed,
  succeeds,
  unlessMissing,
} from '../../platform/storage/tableErrors.js';
import { toTableKey } from '../../platform/storage/tableKeys.js';

/** Tries at marking an announcement withdrawn over the runner's writes of its counts. */
const WITHDRAW_ATTEMPTS = 5;

interface BroadcastEntity {
  partitionKey: string;
  rowKey: string;
  /** Absent on rows written before there were other kinds than reminders. */
  kind?: BroadcastKindName;
  /** A reminder's webinar, as it stood when the reminder was made ('' for other kinds). */
  occurrenceId: string;
  start: string;
  end: string;
  topic: string;
  joinUrl: string;
  /** -1 for a broadcast a lead sent by hand. */
  offsetMinutes: number;
  /** Another kind's own fields, as JSON (see `payloadOf`). */
  payload?: string;
  requestedBy: string;
  state: BroadcastState;
  createdAt: string;
  total: number;
  delivered: number;
  unreachable: number;
  failed: number;
  finishedAt: string;
  /** Absent on rows written before reports were tracked. */
  reported?: boolean;
}

interface DeliveryEntity {
  partitionKey: string;
  rowKey: string;
  conversationId: string;
  kind: string;
  reference: string;
  status: DeliveryStatus;
  attempts: number;
  claimedBy: string;
  claimedUntil: string;
  reason: string;
  updatedAt: string;
  /** Absent on rows written before activity ids were kept. */
  activityId?: string;
}

const PARTITION = 'broadcast';
/** Table Storage's limit on one transaction. */
const BATCH = 100;
const BY_HAND = -1;

/**
 * Tables `Broadcasts` (one row per reminder) and `Outbox` (one partition per broadcast, one row
 * per conversation). Every change to an outbox row is written over the ETag it was read with.
 */
export class Broadcasts implements BroadcastStore {
  constructor(
    private readonly broadcasts: TableClient,
    private readonly outbox: TableClient,
  ) {}

  async create(broadcast: Broadcast): Promise<boolean> {
    return succeeds(() => this.broadcasts.createEntity(toBroadcastEntity(broadcast)), isConflict);
  }

  async get(id: string): Promise<Broadcast | undefined> {
    const entity = await unlessMissing(() => this.broadcasts.getEntity<BroadcastEntity>(PARTITION, id));
    return entity && fromBroadcastEntity(entity);
  }

  async unfinished(): Promise<Broadcast[]> {
    return (await this.listBroadcasts(odata`PartitionKey eq ${PARTITION} and state ne ${'done'}`)).filter(
      (broadcast) => broadcast.state !== 'done',
    );
  }

  async lastFinished(kind: BroadcastKindName): Promise<Broadcast | undefined> {
    const done = (await this.listBroadcasts(odata`PartitionKey eq ${PARTITION} and state eq ${'done'}`)).filter(
      (broadcast) => broadcast.state === 'done' && broadcast.kind === kind,
    );
    return done.sort((a, b) => (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0))[0];
  }

  async list(...kinds: BroadcastKindName[]): Promise<Broadcast[]> {
    const all = await this.listBroadcasts(odata`PartitionKey eq ${PARTITION}`);
    return all
      .filter((broadcast) => kinds.includes(broadcast.kind))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  async *deliveredCopies(broadcastId: string): AsyncGenerator<BroadcastTarget> {
    const rows = this.outbox.listEntities<DeliveryEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${broadcastId} and status eq ${'delivered'}` },
    });
    for await (const row of rows) {
      if (!isOwnRow(row, broadcastId) || row.status !== 'delivered' || !row.activityId) continue;
      const { conversationId, kind, reference, activityId } = fromDeliveryEntity(row);
      yield { conversationId, kind, reference, activityId };
    }
  }

  async withdraw(correction: CorrectionBroadcast, at: Date, by: string): Promise<boolean> {
    const broadcastId = correction.corrects;
    // Over the row as read: the runner may be writing its counts meanwhile, so read again and
    // retry (it writes about once a second, so a few tries are plenty).
    for (let attempt = 0; attempt < WITHDRAW_ATTEMPTS; attempt += 1) {
      const entity = await unlessMissing(() => this.broadcasts.getEntity<BroadcastEntity>(PARTITION, broadcastId));
      if (!entity) return false;
      const broadcast = fromBroadcastEntity(entity);
      if (broadcast.kind !== 'announcement' || broadcast.withdrawn) return false;
      const withdrawn = { ...broadcast, withdrawn: { at, by } };
      // One transaction: withdrawn and its correction planned together, so a crash between the
      // two cannot leave a withdrawn announcement whose copies are never replaced.
      const written = await succeeds(
        () =>
          this.broadcasts.submitTransaction([
            [
              'update',
              { partitionKey: PARTITION, rowKey: broadcastId, payload: payloadOf(withdrawn) },
              'Merge',
              { etag: entity.etag },
            ],
            ['create', { ...toBroadcastEntity(correction) }],
          ]),
        isPreconditionFailed,
      );
      if (written) return true;
    }
    throw new Error(
      `announcement ${broadcastId} kept changing: not withdrawn after ${String(WITHDRAW_ATTEMPTS)} tries`,
    );
  }

  async plannedTargets(broadcastId: string): Promise<Set<string>> {
    const ids = new Set<string>();
    const rows = this.outbox.listEntities<Pick<DeliveryEntity, 'conversationId'>>({
      queryOptions: { filter: odata`PartitionKey eq ${broadcastId}`, select: ['PartitionKey', 'conversationId'] },
    });
    for await (const row of rows) if (row.partitionKey === broadcastId) ids.add(row.conversationId);
    return ids;
  }

  async addDeliveries(broadcastId: string, targets: readonly BroadcastTarget[], now: Date): Promise<void> {
    for (let first = 0; first < targets.length; first += BATCH) {
      const entities = targets.slice(first, first + BATCH).map((target) => pendingEntity(broadcastId, target, now));
      try {
        await this.outbox.submitTransaction(entities.map((entity): TransactionAction => ['create', { ...entity }]));
      } catch (error) {
        // Some rows were already there (planning resumed after a crash): add the rest one by one.
        if (!isConflict(error)) throw error;
        for (const entity of entities) await this.createIfAbsent(entity);
      }
    }
  }

  async startSending(broadcastId: string, total: number): Promise<void> {
    await this.broadcasts.updateEntity(
      { partitionKey: PARTITION, rowKey: broadcastId, state: 'sending', total },
      'Merge',
    );
  }

  async unsettled(broadcastId: string): Promise<Delivery[]> {
    const rows = this.outbox.listEntities<DeliveryEntity>({
      queryOptions: {
        filter: odata`PartitionKey eq ${broadcastId} and (status eq ${'pending'} or status eq ${'sending'})`,
      },
    });
    const deliveries: Delivery[] = [];
    for await (const row of rows) {
      if (isOwnRow(row, broadcastId) && (row.status === 'pending' || row.status === 'sending'))
        deliveries.push(fromDeliveryEntity(row));
    }
    return deliveries;
  }

  async claim(delivery: Delivery, claimant: string, until: Date, now: Date): Promise<Delivery | undefined> {
    const changes = {
      status: 'sending' as const,
      attempts: delivery.attempts,
      claimedBy: claimant,
      claimedUntil: until.toISOString(),
      updatedAt: now.toISOString(),
    };
    try {
      const { etag } = await this.outbox.updateEntity(
        { partitionKey: delivery.broadcastId, rowKey: toTableKey(delivery.conversationId), ...changes },
        'Merge',
        { etag: delivery.etag },
      );
      return {
        ...delivery,
        status: 'sending',
        claimedBy: claimant,
        claimedUntil: until,
        updatedAt: now,
        etag: etag ?? '',
      };
    } catch (error) {
      if (isPreconditionFailed(error) || isNotFound(error)) return undefined;
      throw error;
    }
  }

  async settle(
    delivery: Delivery,
    status: FinalDeliveryStatus,
    reason: string | undefined,
    now: Date,
  ): Promise<boolean> {
    return succeeds(
      () =>
        this.outbox.updateEntity(
          {
            partitionKey: delivery.broadcastId,
            rowKey: toTableKey(delivery.conversationId),
            status,
            attempts: delivery.attempts,
            claimedBy: '',
            claimedUntil: '',
            reason: reason ?? '',
            updatedAt: now.toISOString(),
            activityId: delivery.activityId ?? '',
          },
          'Merge',
          { etag: delivery.etag },
        ),
      isPreconditionFailed,
      isNotFound,
    );
  }

  async tally(broadcastId: string): Promise<Record<DeliveryStatus, number>> {
    const counts: Record<DeliveryStatus, number> = { pending: 0, sending: 0, ...emptyCounts() };
    const rows = this.outbox.listEntities<Pick<DeliveryEntity, 'status'>>({
      queryOptions: { filter: odata`PartitionKey eq ${broadcastId}`, select: ['PartitionKey', 'status'] },
    });
    for await (const row of rows) if (isOwnRow(row, broadcastId)) counts[row.status] += 1;
    return counts;
  }

  async finish(broadcastId: string, counts: DeliveryCounts, now: Date): Promise<boolean> {
    try {
      const current = await this.broadcasts.getEntity<BroadcastEntity>(PARTITION, broadcastId);
      if (current.state === 'done') return false;
      await this.broadcasts.updateEntity(
        {
          partitionKey: PARTITION,
          rowKey: broadcastId,
          state: 'done',
          ...counts,
          finishedAt: now.toISOString(),
          reported: false,
        },
        'Merge',
        { etag: current.etag },
      );
      return true;
    } catch (error) {
      if (isPreconditionFailed(error) || isNotFound(error)) return false;
      throw error;
    }
  }

  async unreported(): Promise<Broadcast[]> {
    const done = await this.listBroadcasts(
      odata`PartitionKey eq ${PARTITION} and state eq ${'done'} and reported eq false`,
    );
    return done.filter((broadcast) => broadcast.state === 'done' && !broadcast.reported);
  }

  async markReported(broadcastId: string): Promise<void> {
    await this.broadcasts.updateEntity({ partitionKey: PARTITION, rowKey: broadcastId, reported: true }, 'Merge');
  }

  /** Erasure: the conversation's rows in every broadcast's outbox, and the person as the lead who sent one. */
  async forgetPerson(userId: string, conversationIds: readonly string[], pseudonym: string): Promise<void> {
    for (const broadcast of await this.listBroadcasts(odata`PartitionKey eq ${PARTITION}`)) {
      for (const conversationId of conversationIds) {
        await this.outbox.deleteEntity(broadcast.id, toTableKey(conversationId)).catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
        });
      }
      if (broadcast.requestedBy === userId) {
        await this.broadcasts.updateEntity(
          { partitionKey: PARTITION, rowKey: broadcast.id, requestedBy: pseudonym },
          'Merge',
        );
      }
    }
  }

  /** Retention: deletes the outbox rows of broadcasts that finished before `cutoff`; the counts stay. */
  async removeDeliveriesBefore(cutoff: Date): Promise<number> {
    let removed = 0;
    for (const broadcast of await this.listBroadcasts(odata`PartitionKey eq ${PARTITION} and state eq ${'done'}`)) {
      if (broadcast.state !== 'done' || !broadcast.finishedAt || broadcast.finishedAt.getTime() >= cutoff.getTime())
        continue;
      const keys: string[] = [];
      const rows = this.outbox.listEntities({
        queryOptions: { filter: odata`PartitionKey eq ${broadcast.id}`, select: ['PartitionKey', 'RowKey'] },
      });
      for await (const row of rows) if (isOwnRow(row, broadcast.id)) keys.push(row.rowKey ?? '');
      for (let first = 0; first < keys.length; first += BATCH) {
        await this.outbox.submitTransaction(
          keys
            .slice(first, first + BATCH)
            .map((rowKey): TransactionAction => ['delete', { partitionKey: broadcast.id, rowKey }]),
        );
      }
      removed += keys.length;
    }
    return removed;
  }

  private async listBroadcasts(filter: string): Promise<Broadcast[]> {
    const found: Broadcast[] = [];
    for await (const entity of this.broadcasts.listEntities<BroadcastEntity>({ queryOptions: { filter } })) {
      if (entity.partitionKey === PARTITION) found.push(fromBroadcastEntity(entity));
    }
    return found;
  }

  private async createIfAbsent(entity: DeliveryEntity): Promise<void> {
    try {
      await this.outbox.createEntity(entity);
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
}

/**
 * Rows are checked against the query in code as well: Azurite has been seen to return rows
 * its filter should have left out (after connections were cut mid-request).
 */
function isOwnRow(row: { partitionKey?: string }, broadcastId: string): boolean {
  return row.partitionKey === broadcastId;
}

/** What a kind keeps besides the common fields, as stored in the `payload` column. */
const payloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('announcement'),
    announcement: z.object({
      title: z.string(),
      text: z.string(),
      button: z.object({ title: z.string(), url: z.string() }).optional(),
      audience: z.discriminatedUnion('to', [
        z.object({ to: z.literal('everyone') }),
        z.object({ to: z.literal('channels') }),
        z.object({ to: z.literal('region'), region: z.enum(REGION_CODES) }),
      ]),
    }),
    withdrawn: z.object({ at: z.string(), by: z.string() }).optional(),
    fromRegion: z.enum(REGION_CODES).optional(),
  }),
  z.object({
    kind: z.literal('correction'),
    corrects: z.string(),
    notice: z.boolean().default(false),
    shows: z.discriminatedUnion('what', [
      z.object({
        what: z.literal('webinar'),
        occurrenceId: z.string(),
        start: z.string(),
        end: z.string(),
        topic: z.string().optional(),
        joinUrl: z.string().optional(),
        cancelled: z.boolean(),
        onSchedule: z.boolean(),
      }),
      z.object({
        what: z.literal('withdrawn'),
        at: z.string(),
        title: z.string().catch(''),
        byRegion: z.enum(REGION_CODES).optional(),
      }),
    ]),
  }),
]);

function payloadOf(broadcast: Broadcast): string {
  switch (broadcast.kind) {
    case 'reminder':
      return '';
    case 'announcement':
      return JSON.stringify({
        kind: broadcast.kind,
        announcement: broadcast.announcement,
        withdrawn: broadcast.withdrawn && { at: broadcast.withdrawn.at.toISOString(), by: broadcast.withdrawn.by },
        fromRegion: broadcast.fromRegion,
      });
    case 'correction':
      // Dates become ISO strings in JSON; read back by `fromBroadcastEntity`.
      return JSON.stringify({
        kind: broadcast.kind,
        corrects: broadcast.corrects,
        shows: broadcast.shows,
        notice: broadcast.notice,
      });
  }
}

function toBroadcastEntity(broadcast: Broadcast): BroadcastEntity {
  const reminder = broadcast.kind === 'reminder' ? broadcast : undefined;
  return {
    partitionKey: PARTITION,
    rowKey: broadcast.id,
    kind: broadcast.kind,
    occurrenceId: reminder?.occurrenceId ?? '',
    start: reminder?.start.toISOString() ?? '',
    end: reminder?.end.toISOString() ?? '',
    topic: reminder?.topic ?? '',
    joinUrl: reminder?.joinUrl ?? '',
    offsetMinutes: reminder?.offsetMinutes ?? BY_HAND,
    payload: payloadOf(broadcast),
    requestedBy: broadcast.requestedBy ?? '',
    state: broadcast.state,
    createdAt: broadcast.createdAt.toISOString(),
    total: broadcast.total,
    ...broadcast.counts,
    finishedAt: broadcast.finishedAt?.toISOString() ?? '',
    reported: broadcast.reported,
  };
}

function fromBroadcastEntity(entity: BroadcastEntity): Broadcast {
  const common = {
    id: entity.rowKey,
    requestedBy: entity.requestedBy || undefined,
    state: entity.state,
    createdAt: new Date(entity.createdAt),
    total: entity.total,
    counts: { delivered: entity.delivered, unreachable: entity.unreachable, failed: entity.failed },
    finishedAt: entity.finishedAt ? new Date(entity.finishedAt) : undefined,
    // Rows from before the flag existed were reported when they finished.
    reported: entity.reported ?? entity.state === 'done',
  };
  if (!entity.kind || entity.kind === 'reminder')
    return {
      ...common,
      kind: 'reminder',
      occurrenceId: entity.occurrenceId,
      start: new Date(entity.start),
      end: new Date(entity.end),
      topic: entity.topic || undefined,
      joinUrl: entity.joinUrl || undefined,
      offsetMinutes: entity.offsetMinutes === BY_HAND ? undefined : entity.offsetMinutes,
    };
  const payload = payloadSchema.parse(JSON.parse(entity.payload ?? '{}'));
  if (payload.kind === 'correction') {
    const { shows } = payload;
    return {
      ...common,
      kind: 'correction',
      corrects: payload.corrects,
      notice: payload.notice,
      shows:
        shows.what === 'withdrawn'
          ? { what: 'withdrawn', at: new Date(shows.at), title: shows.title, byRegion: shows.byRegion }
          : {
              ...shows,
              start: new Date(shows.start),
              end: new Date(shows.end),
              topic: shows.topic,
              joinUrl: shows.joinUrl,
            },
    };
  }
  const { button, ...announcement } = payload.announcement;
  return {
    ...common,
    kind: 'announcement',
    announcement: { ...announcement, button },
    withdrawn: payload.withdrawn && { at: new Date(payload.withdrawn.at), by: payload.withdrawn.by },
    fromRegion: payload.fromRegion,
  };
}

function pendingEntity(broadcastId: string, target: BroadcastTarget, now: Date): DeliveryEntity {
  // A channel's or group chat's reminder is not about whoever installed the bot there (older records still name them).
  const { user: _user, ...shared } = target.reference;
  return {
    partitionKey: broadcastId,
    rowKey: toTableKey(target.conversationId),
    conversationId: target.conversationId,
    kind: target.kind,
    reference: JSON.stringify(target.kind === 'personal' ? target.reference : shared),
    status: 'pending',
    attempts: 0,
    claimedBy: '',
    claimedUntil: '',
    reason: '',
    updatedAt: now.toISOString(),
    activityId: target.activityId ?? '',
  };
}

function fromDeliveryEntity(entity: DeliveryEntity & { etag: string }): Delivery {
  return {
    broadcastId: entity.partitionKey,
    conversationId: entity.conversationId,
    kind: entity.kind as ConversationKind,
    reference: JSON.parse(entity.reference) as Record<string, unknown>,
    status: entity.status,
    attempts: entity.attempts,
    claimedBy: entity.claimedBy || undefined,
    claimedUntil: entity.claimedUntil ? new Date(entity.claimedUntil) : undefined,
    reason: entity.reason || undefined,
    updatedAt: new Date(entity.updatedAt),
    activityId: entity.activityId || undefined,
    etag: entity.etag,
  };
}
