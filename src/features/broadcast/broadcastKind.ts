import type {
  AnnouncementBroadcast,
  Broadcast,
  BroadcastTarget,
  CorrectionBroadcast,
  ReminderBroadcast,
} from './broadcast.js';
import type { SendOutcome } from './dispatcher.js';

/**
 * What one kind of broadcast (webinar reminders, announcements, corrections of sent copies) gives
 * the machinery: who gets it, how one conversation gets it, what may stop it, and what happens
 * once it is done. The outbox, dispatcher, lease and timer are the same for every kind.
 */
export interface BroadcastKind<B extends Broadcast> {
  /** Every conversation it goes to, read once while its outbox is written. */
  audience(broadcast: B): AsyncIterable<BroadcastTarget>;
  /** False while it must wait to be planned (a correction, until the broadcast it corrects has finished). */
  ready?(broadcast: B): Promise<boolean>;
  /** One request to one conversation: each outbox row is one request, so the rate counts what Teams counts. */
  send(target: BroadcastTarget, broadcast: B): Promise<SendOutcome>;
  /** Why what is left of it must not go out any more (a cancelled webinar, a withdrawn announcement), or undefined. */
  withdrawn?(broadcast: B): Promise<string | undefined>;
  /** Why a row must not go out at this moment (a reminder for a webinar that has begun), or undefined. */
  expired?(broadcast: B, now: Date): string | undefined;
  /**
   * What a 403 or 404 means: the bot was removed there (the chat is marked unreachable), or, for
   * an update of a message, perhaps only that the message is gone.
   */
  refusalMeansRemoved: boolean;
  /** Called once, by the instance that finished it: the leads' report. */
  onFinished(broadcast: B): Promise<void>;
}

export interface BroadcastKinds {
  reminder: BroadcastKind<ReminderBroadcast>;
  announcement: BroadcastKind<AnnouncementBroadcast>;
  correction: BroadcastKind<CorrectionBroadcast>;
}

/** Calls `use` with the broadcast's own kind, typed for it. */
export function withKind<R>(
  kinds: BroadcastKinds,
  broadcast: Broadcast,
  use: <B extends Broadcast>(kind: BroadcastKind<B>, broadcast: B) => R,
): R {
  switch (broadcast.kind) {
    case 'reminder':
      return use(kinds.reminder, broadcast);
    case 'announcement':
      return use(kinds.announcement, broadcast);
    case 'correction':
      return use(kinds.correction, broadcast);
  }
}
