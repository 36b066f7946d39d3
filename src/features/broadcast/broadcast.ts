import type { ConversationKind } from '../conversations/conversationReferences.js';
import type { RegionCode } from '../directory/referenceData.js';

/** Where a broadcast is up to. `planning`: outbox rows are being written; `sending`: the dispatcher works through them. */
export type BroadcastState = 'planning' | 'sending' | 'done';

/** Outcomes a lead's report counts; `pending` and `sending` are on the way there. */
export type FinalDeliveryStatus = 'delivered' | 'unreachable' | 'failed';
export type DeliveryStatus = 'pending' | 'sending' | FinalDeliveryStatus;

export type DeliveryCounts = Record<FinalDeliveryStatus, number>;

export const emptyCounts = (): DeliveryCounts => ({ delivered: 0, unreachable: 0, failed: 0 });

/** What every kind of broadcast has: its progress, counts and report. */
interface BroadcastBase {
  id: string;
  /** Entra object id of the lead who sent it; undefined for a scheduled reminder. */
  requestedBy: string | undefined;
  state: BroadcastState;
  createdAt: Date;
  /** Outbox rows written (the audience at planning time); 0 until planned. */
  total: number;
  counts: DeliveryCounts;
  finishedAt: Date | undefined;
  /** The leads have had the report (a failed report is tried again by the next tick). */
  reported: boolean;
}

/** One webinar reminder to every subscriber, with the webinar as it stood when the reminder was made. */
export interface ReminderBroadcast extends BroadcastBase {
  kind: 'reminder';
  occurrenceId: string;
  start: Date;
  end: Date;
  topic: string | undefined;
  joinUrl: string | undefined;
  /** Minutes before the start, for a scheduled reminder; undefined when a lead sent it by hand. */
  offsetMinutes: number | undefined;
}

/** Who an announcement goes to. */
export type Audience = { to: 'everyone' } | { to: 'region'; region: RegionCode } | { to: 'channels' };

/** What a lead wrote: plain text, line breaks kept, and at most one button. */
export interface Announcement {
  title: string;
  text: string;
  button: { title: string; url: string } | undefined;
  audience: Audience;
}

/** A lead's announcement. */
export interface AnnouncementBroadcast extends BroadcastBase {
  kind: 'announcement';
  announcement: Announcement;
  /** Set when a lead withdrew it: what is left unsent is not sent, and every copy is replaced. */
  withdrawn: { at: Date; by: string } | undefined;
  /** The region of the regional lead who sent it; undefined for a national lead. */
  fromRegion: RegionCode | undefined;
}

/** What the corrected copies show: a webinar date as it now stands, or that an announcement was withdrawn. */
export type CorrectedContent =
  | {
      what: 'webinar';
      occurrenceId: string;
      start: Date;
      end: Date;
      topic: string | undefined;
      joinUrl: string | undefined;
      cancelled: boolean;
      /** False when the schedule changed and the date is no longer on it (its time moved). */
      onSchedule: boolean;
    }
  | {
      what: 'withdrawn';
      at: Date;
      /** The announcement's title, so every copy says what was withdrawn ('' on corrections stored before it was kept). */
      title: string;
      /** The region of the regional lead who withdrew it; undefined for a national lead. */
      byRegion: RegionCode | undefined;
    };

/** The sent copies of an earlier broadcast, updated in place (a changed webinar, a withdrawn announcement). */
export interface CorrectionBroadcast extends BroadcastBase {
  kind: 'correction';
  /** The id of the broadcast whose copies are replaced. */
  corrects: string;
  shows: CorrectedContent;
  /**
   * False: each copy is updated in place. True: a short new message goes to each chat that got a
   * copy (an update notifies nobody, so a cancelled or moved date is also told this way).
   */
  notice: boolean;
}

export type Broadcast = ReminderBroadcast | AnnouncementBroadcast | CorrectionBroadcast;
export type BroadcastKindName = Broadcast['kind'];

/** The progress of a broadcast not yet planned: no rows, no counts. */
export const unplanned = () => ({
  state: 'planning' as const,
  total: 0,
  counts: emptyCounts(),
  finishedAt: undefined,
  reported: false,
});

/** Where a broadcast goes: a conversation and how to write to it. */
export interface BroadcastTarget {
  conversationId: string;
  kind: ConversationKind;
  /** The Bot Framework conversation reference, as stored at install. */
  reference: Record<string, unknown>;
  /**
   * The message there: for a row that corrects or withdraws a message, the one it replaces; once
   * a row is delivered, the message it posted (so that it can be corrected in turn).
   */
  activityId?: string | undefined;
}

/** One outbox row: one broadcast to one conversation. */
export interface Delivery extends BroadcastTarget {
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
  /** The most recently finished broadcast of a kind. */
  lastFinished(kind: BroadcastKindName): Promise<Broadcast | undefined>;
  /** Every broadcast of these kinds, newest first (a few a month: one scan of one partition). */
  list(...kinds: BroadcastKindName[]): Promise<Broadcast[]>;
  /** The conversations a broadcast reached, with the message it posted there (to correct it). */
  deliveredCopies(broadcastId: string): AsyncIterable<BroadcastTarget>;
  /**
   * Marks the announcement `correction` corrects withdrawn and stores the correction, together;
   * false when it was withdrawn already (or is not an announcement).
   */
  withdraw(correction: CorrectionBroadcast, at: Date, by: string): Promise<boolean>;
  /** Conversation ids that already have a row in the broadcast's outbox. */
  plannedTargets(broadcastId: string): Promise<Set<string>>;
  /** Writes pending rows (insert if absent), in batches. */
  addDeliveries(broadcastId: string, targets: readonly BroadcastTarget[], now: Date): Promise<void>;
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
