import { z } from 'zod';
import { settle } from '../../../platform/settle.js';
import { answerCard } from '../../answerCard.js';
import { refuse, type CardAction, type CardActionResult } from '../../cardAction.js';
import { VERBS } from '../../verbs.js';
import type { ActivePair } from '../buddyPairs.js';
import { checkInCard, needsAttention, tellLeadsOfCheckIn } from '../checkIns.js';
import {
  CHECK_IN_ANSWERS,
  currentPairing,
  PAIR_KEY,
  sideOf,
  withCurrentPairing,
  type CheckInAnswer,
} from '../pairings.js';

const NOTE_MAX = 500;
const ATTEMPTS = 3;

const data = z.object({
  pair: PAIR_KEY,
  week: z.coerce.number().int().min(1).max(52),
  answer: z.enum(CHECK_IN_ANSWERS).optional().catch(undefined),
  note: z.string().catch(''),
});

/**
 * A check-in card answered (or its answer changed) by one of the pair: stored on the pairing. The
 * leads get a card when the pair newly needs attention, or when a note to them was written.
 */
export const answerCheckIn: CardAction = {
  verb: VERBS.answerCheckIn,
  async handle({ request: turn, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This card is out of date.');
    const { pair: ids, week } = parsed.data;
    const note = parsed.data.note.trim();
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const [mentee, mentor] = await Promise.all(ids.map((id) => deps.storage.buddyRequests.get(id)));
      const side = mentee && sideOf(turn.person.id, mentee.request, mentor?.request);
      // Someone else's check-in answers exactly as a missing one.
      if (!mentee || !mentor || !side) return refuse.notFound('There is no such check-in.');
      const pairing = currentPairing(mentee.request);
      if (pairing?.mentorRequestId !== mentor.request.id) return ended(deps.directory.network.source);
      const checkIn = pairing.checkIns.find((sent) => sent.week === week);
      if (!checkIn?.sentTo[side]) return refuse.notFound('There is no such check-in.');
      const pair: ActivePair = { mentee: mentee.request, mentor: mentor.request, pairing };
      const card = (answer: CheckInAnswer | '', message: string, colour: 'Good' | 'Attention') =>
        ({ kind: 'card', card: checkInCard(pair, side, week, { answer, note, message, colour }) }) as const;
      const answer = parsed.data.answer;
      if (!answer) return card('', 'Choose how it is going.', 'Attention');
      if (note.length > NOTE_MAX)
        return card(
          answer,
          `Keep the note to ${String(NOTE_MAX)} characters (it has ${String(note.length)}).`,
          'Attention',
        );

      const at = new Date().toISOString();
      const answered = { ...checkIn, answers: { ...checkIn.answers, [side]: { answer, note, at } } };
      const updated = withCurrentPairing(mentee.request, (current) => ({
        ...current,
        checkIns: current.checkIns.map((earlier) => (earlier.week === week ? answered : earlier)),
      }));
      if (!(await deps.storage.buddyRequests.replace(updated, mentee.etag, mentee.cardCopies))) continue;

      const before = checkIn.answers[side];
      const attention = needsAttention(pairing, answered);
      const newly = attention && !needsAttention(pairing, checkIn);
      const noteChanged = note !== '' && note !== before?.note;
      // The leads were told of the earlier answer: they hear of the change too, so no card of theirs stays wrong.
      const toldBefore = before !== undefined && (before.note !== '' || needsAttention(pairing, checkIn));
      const changed = before !== undefined && (before.answer !== answer || before.note !== note);
      const tellLeads = newly || noteChanged || (toldBefore && changed);
      let leadsTold = 0;
      await settle(deps.logger, { requestId: mentee.request.id }, 'buddy check-in answered', async () => {
        await deps.storage.audit.record({
          at,
          actor: turn.person.id,
          action: 'buddy.checkInAnswer',
          subject: mentee.request.id,
          related: mentor.request.id,
          detail: { week: String(week), answer },
        });
        if (tellLeads)
          leadsTold = await tellLeadsOfCheckIn(
            deps,
            { ...pair, pairing: currentPairing(updated) ?? pairing },
            answered,
            {
              attention,
              changed: before !== undefined,
            },
          );
      });
      deps.logger.info(
        { requestId: mentee.request.id, week, answer, attention, outcome: 'answered' },
        'buddy check-in',
      );
      const saved = before === undefined ? 'Thank you: your answer is saved' : 'Thank you: your answer is changed';
      const ending = answer === 'endOrChange' ? ' To end the pairing yourself now, type "end my buddy pairing".' : '';
      return card(answer, `${saved}${leadsTold > 0 ? ' and the national lead has been told' : ''}.${ending}`, 'Good');
    }
    return refuse.badRequest('The pairing kept changing while your answer was saved: please send it again.');
  },
};

function ended(source: { title: string; url: string }): CardActionResult {
  return {
    kind: 'card',
    card: answerCard({
      title: 'This pairing has ended',
      paragraphs: ['There is nothing more to answer for it. Type "who is my buddy" to see where you are now.'],
      source,
    }),
  };
}
