import type { ConversationKind } from '../conversations/conversationReferences.js';

/** Where a broadcast is up to. `planning`: outbox rows are being written; `sending`: the dispatcher works through them. */
export type BroadcastState = 'planning' | 'sending' | 'done';

/** Outcomes a lead's report counts; `pending` and `sending` are on the way there. */
export type FinalDeliveryStatus = 'delivered' | 'unreachable' | 'failed';
export type DeliveryStatus = 'pending' | 'sending' | FinalDeliveryStatus;

export type DeliveryCounts = Record<FinalDeliveryStatus, number>;

/** One reminder to every subscriber, with the webinar as it stood when the reminder was made. */
export interface Broadcast {
  id: string;
  occurrenceId: string;
  start: Date;
  end: Date;
  topic: string | undefined;
  joinUrl: string | undefined;
  /** Minutes before the start, for a scheduled reminder; undefined when a lead sent it by hand. */
  offsetMinutes: number | undefined;
  /** Entra object id of the lead who sent it by hand. */
  requestedBy: string | undefined;
  state: BroadcastState;
  createdAt: Date;
  /** Outbox rows written (the subscribers at planning time); 0 until planned. */
  total: number;
  counts: DeliveryCounts;
  finishedAt: Date | undefined;
  /** The leads have had the report (a failed report is tried again by the next tick). */
  reported: boolean;
}

/** Where a reminder goes: a subscribed conversation and how to write to it. */
export interface ReminderTarget {
  conversationId: string;
  kind: ConversationKind;
  /** The Bot Framework conversation reference, as stored at install. */
  reference: Record<string, unknown>;
}

/** One outbox row: one broadcast to one conversation. */
export interface Delivery extends ReminderTarget {
  broadcastId: string;
  status: DeliveryStatus;
  attempts: number;
  /** Who is sending it (`instance/run`) and until when the claim holds. */
  claimedBy: string | undefined;
  claimedUntil: Date | undefined;
  /** Why it failed or was unreachable, as a status or error kind; never message content. */
  reason: string | undefined;
  updatedAt: Date;
  /** Concurrency token: a claim or result is written only over the row as it was read. */
  etag: string;
}

/** The outbox and its broadcasts, kept in Table Storage by the app. */
export interface BroadcastStore {
  /** Inserts if absent: says whether this call created it (the only way a broadcast starts). */
  create(broadcast: Broadcast): Promise<boolean>;
  get(id: string): Promise<Broadcast | undefined>;
  /** Broadcasts still planning or sending. */
  unfinished(): Promise<Broadcast[]>;
  /** The most recently finished broadcast. */
  lastFinished(): Promise<Broadcast | undefined>;
  /** Conversation ids that already have a row in the broadcast's outbox. */
  plannedTargets(broadcastId: string): Promise<Set<string>>;
  /** Writes pending rows (insert if absent), in batches. */
  addDeliveries(broadcastId: string, targets: readonly ReminderTarget[], now: Date): Promise<void>;
  /** Planning complete: the outbox has `total` rows. */
  startSending(broadcastId: string, total: number): Promise<void>;
  /** Rows not yet settled: pending, or sending under any claim (callers judge the claim). */
  unsettled(broadcastId: string): Promise<Delivery[]>;
  /** Takes the row for `claimant` until `until`; undefined when someone changed it first. */
  claim(delivery: Delivery, claimant: string, until: Date, now: Date): Promise<Delivery | undefined>;
  /** Writes the outcome over the claimed row; false when the claim had been taken over. */
  settle(delivery: Delivery, status: FinalDeliveryStatus, reason: string | undefined, now: Date): Promise<boolean>;
  /** Counts of the broadcast's rows by status. */
  tally(broadcastId: string): Promise<Record<DeliveryStatus, number>>;
  /** Marks it done with its counts; false when another instance finished it first. */
  finish(broadcastId: string, counts: DeliveryCounts, now: Date): Promise<boolean>;
  /** Finished broadcasts whose report has not gone out yet. */
  unreported(): Promise<Broadcast[]>;
  markReported(broadcastId: string): Promise<void>;
}

export const emptyCounts = (): DeliveryCounts => ({ delivered: 0, unreachable: 0, failed: 0 });
