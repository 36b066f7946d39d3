import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { Messenger } from '../messenger.js';
import type { BroadcastStore, CorrectionBroadcast } from './broadcast.js';
import type { BroadcastKind } from './broadcastKind.js';
import { outcomeOf } from './sendOutcome.js';

/** What every corrected copy becomes, and a short new message to go with it (updates do not notify anyone). */
export interface Corrected {
  card: AdaptiveCardJson;
  notice: AdaptiveCardJson | undefined;
}

/**
 * Corrections as a kind of broadcast: each row replaces one sent copy in place (update activity),
 * or, for a correction's notice, posts the short new message to that chat; under the same
 * outbox, limits and report as everything else. Planned once the broadcast it corrects has
 * finished, from the copies that broadcast delivered.
 */
export function correctionKind(options: {
  store: BroadcastStore;
  messenger: Pick<Messenger, 'sendOnce' | 'updateOnce'>;
  /** The card the copies become; made once per correction. */
  render: (correction: CorrectionBroadcast) => Corrected;
  onFinished: (correction: CorrectionBroadcast) => Promise<void>;
}): BroadcastKind<CorrectionBroadcast> {
  let current: { id: string; corrected: Corrected } | undefined;
  return {
    audience: (correction) => options.store.deliveredCopies(correction.corrects),
    // Its copies are all known once it has finished (a correction made mid-broadcast waits for the rest).
    ready: async (correction) => {
      const corrected = await options.store.get(correction.corrects);
      return corrected === undefined || corrected.state === 'done';
    },
    async send(target, correction) {
      if (current?.id !== correction.id) current = { id: correction.id, corrected: options.render(correction) };
      const { card, notice } = current.corrected;
      try {
        if (correction.notice) {
          // A notice goes only with a correction that has one; otherwise there is nothing to say.
          if (!notice) return { ok: false, status: 400, retryAfterMs: undefined, reason: 'no_notice' };
          return { ok: true, activityId: await options.messenger.sendOnce(target.reference, notice) };
        }
        if (!target.activityId) return { ok: false, status: 400, retryAfterMs: undefined, reason: 'no_activity_id' };
        await options.messenger.updateOnce(target.reference, target.activityId, card);
        return { ok: true, activityId: target.activityId };
      } catch (error) {
        return outcomeOf(error);
      }
    },
    // A copy the person deleted, or a chat the bot left: that copy needs no correcting, the chat stays as it is.
    refusalMeansRemoved: false,
    onFinished: options.onFinished,
  };
}
