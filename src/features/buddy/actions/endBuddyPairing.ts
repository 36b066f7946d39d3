import { z } from 'zod';
import { settle } from '../../../platform/settle.js';
import { escapeCardText } from '../../../platform/cards/escapeCardText.js';
import { answerCard } from '../../answerCard.js';
import { refuse, type CardAction, type CardActionRequest } from '../../cardAction.js';
import { isLead } from '../../leads/isLead.js';
import { VERBS } from '../../verbs.js';
import { pairingEndedNotice, refreshCardCopies, tell, tellLeads } from '../buddyNotices.js';
import type { BuddyRequest } from '../buddyScheme.js';
import { endPairing } from '../decisions.js';
import { offerFreedMentor } from '../mentorFreed.js';
import { buddyPairsCard, myBuddiesCard } from '../pairCards.js';
import { PAIR_KEY, sideOf, type EndedBy } from '../pairings.js';

const REASON_MAX = 300;
const ATTEMPTS = 3;

const data = z.object({
  pair: PAIR_KEY,
  reason: z.string().optional().catch(undefined),
});

/**
 * *End the pairing*, by either person or a lead, with a reason the leads see. Both requests are
 * written together on the ETags read: the mentee's is `ended` (they may ask for a new buddy, never
 * the same one), the mentor's place is freed and offered to whoever waits. The other person is
 * told only that it ended.
 */
export const endBuddyPairing: CardAction = {
  verb: VERBS.endBuddyPairing,
  async handle(action) {
    const { request: turn, deps } = action;
    const lead = await isLead(deps, turn.person.aadObjectId);
    // The card it came from: the leads' list, or the person's own.
    const again = (message: string) =>
      lead && action.data.view === 'leads'
        ? buddyPairsCard(deps, message).then((card) => ({ kind: 'card' as const, card }))
        : myBuddiesCard(deps, turn.person.id, message).then((card) => ({ kind: 'card' as const, card }));
    const parsed = data.safeParse(action.data);
    if (!parsed.success) return again('Choose the pairing to end.');
    const reason = (parsed.data.reason ?? '').trim();
    if (!reason) return again('Say why the pairing is ending: the national lead reads it.');
    if (reason.length > REASON_MAX) return again(`Keep the reason to ${String(REASON_MAX)} characters.`);
    const [menteeId, mentorId] = parsed.data.pair;

    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const [mentee, mentor] = await Promise.all([
        deps.storage.buddyRequests.get(menteeId),
        deps.storage.buddyRequests.get(mentorId),
      ]);
      const side = mentee && sideOf(turn.person.id, mentee.request, mentor?.request);
      // Someone else's pairing answers exactly as a missing one, unless a lead asks.
      if (!side && !lead) return refuse.forbidden('Only the two people in a pairing, or a lead, can end it.');
      if (!mentee || !mentor) return again('That pairing has already ended.');
      const by: EndedBy = side ?? 'lead';
      const ended = endPairing(mentee.request, mentor.request, { by, actorId: turn.person.id, reason }, new Date());
      if (!ended) return again('That pairing has already ended.');
      const written = await deps.storage.buddyRequests.replaceTogether([
        { request: ended.mentee, etag: mentee.etag, cardCopies: mentee.cardCopies },
        { request: ended.mentor, etag: mentor.etag, cardCopies: mentor.cardCopies },
      ]);
      if (!written) continue;
      await afterEnding(action, ended.mentee, ended.mentor, by, reason);
      // Every copy of both request cards (the leads', the pair's own) shows the pairing ended.
      await settle(deps.logger, { requestId: menteeId }, 'buddy pairing ended', async () => {
        await refreshCardCopies(deps, ended.mentee, mentee.cardCopies);
        await refreshCardCopies(deps, ended.mentor, mentor.cardCopies);
      });
      return again(
        by === 'lead'
          ? 'The pairing has ended. Both have been told it ended, without the reason.'
          : 'The pairing has ended. The other person has been told only that it ended; the national lead sees your reason.',
      );
    }
    return again('The pairing kept changing while it was being ended. Here it is as it stands: try again.');
  },
};

/** Audit, the other person (or both, when a lead ended it), the leads, and the mentor's freed place. */
async function afterEnding(
  { request: turn, deps }: CardActionRequest,
  mentee: BuddyRequest,
  mentor: BuddyRequest,
  by: EndedBy,
  reason: string,
): Promise<void> {
  const context = { requestId: mentee.id };
  await settle(deps.logger, context, 'buddy pairing ended', async () => {
    await deps.storage.audit.record({
      at: mentee.updatedAt,
      actor: turn.person.id,
      action: 'buddy.endPairing',
      subject: mentee.id,
      related: mentor.id,
      detail: { by },
    });
  });
  const told = [
    ...(by === 'mentee' ? [] : [{ person: mentee, other: mentor }]),
    ...(by === 'mentor' ? [] : [{ person: mentor, other: mentee }]),
  ];
  for (const { person, other } of told)
    await settle(deps.logger, context, 'buddy pairing ended', () =>
      tell(
        deps,
        person.userId,
        pairingEndedNotice(deps, person, `Your pairing with ${escapeCardText(other.name, 80)} has ended.`),
      ),
    );
  if (by !== 'lead')
    await settle(deps.logger, context, 'buddy pairing ended', async () => {
      const card = answerCard({
        title: 'A buddy pairing has ended',
        paragraphs: [
          `${escapeCardText(by === 'mentee' ? mentee.name : mentor.name, 80)} ended the pairing of ${escapeCardText(mentee.name, 80)} with ${escapeCardText(mentor.name, 80)} (mentor).`,
          `Reason: ${escapeCardText(reason, REASON_MAX)}`,
        ],
        asks: [{ title: 'Buddy pairs', intent: 'buddyPairs' }],
        source: deps.directory.network.source,
      });
      // A lead who is one of the pair is not sent the other's reason.
      await tellLeads(deps, card, [mentee.userId, mentor.userId]);
    });
  deps.logger.info({ requestId: mentee.id, mentor: mentor.id, by, outcome: 'pairing_ended' }, 'buddy pairing');
  await settle(deps.logger, context, 'buddy pairing ended', () => offerFreedMentor(deps, mentor));
}
