import { z } from 'zod';
import { askCard } from '../supportCards.js';
import { checkAsk, readAskValues } from '../askForm.js';
import { newSupportRequest, SUPPORT_ID_PATTERN } from '../supportScheme.js';
import { sendToLeads, supportCardFor } from '../supportNotices.js';
import { leadChats } from '../../leads/leadChats.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({ requestId: z.string().regex(SUPPORT_ID_PATTERN) });

/**
 * The ask card submitted. Problems come back on the same card with what was typed kept; a valid
 * question is stored under the reference the card was made with (so a double click sends one),
 * goes to every lead, and the card turns into the question's status.
 */
export const submitSupportQuestion: CardAction = {
  verb: VERBS.submitSupportQuestion,
  async handle({ request: turn, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    if (!parsed.success)
      return refuse.badRequest('This card is out of date. Type "ask the national lead" to start again.');
    if (turn.conversation.kind !== 'personal')
      return refuse.badRequest('Ask the national lead in your personal chat with the bot.');
    const { requestId } = parsed.data;
    const values = readAskValues(raw);
    const checked = checkAsk(values);
    if (!checked.ok) return { kind: 'card', card: askCard(requestId, values, checked.errors) };

    const { storage } = deps;
    const person = turn.person;
    const profile = await storage.profiles.get(person.id);
    const request = newSupportRequest(
      {
        id: requestId,
        userId: person.id,
        name: person.name || 'An MSO',
        organisationCode: profile?.organisationCode,
        region: profile?.region,
        topic: checked.topic,
        question: checked.question,
      },
      new Date(),
    );
    const ownCard = turn.replyToId
      ? [{ reference: turn.conversation.reference, activityId: turn.replyToId, viewer: 'asker' as const }]
      : [];
    if (!(await storage.supportRequests.create(request, ownCard))) {
      // Sent twice (a double click): the first is stored; show it. A reference somebody else holds is refused.
      const existing = await storage.supportRequests.get(requestId);
      if (existing?.request.userId !== person.id)
        return refuse.badRequest('This card is out of date. Type "ask the national lead" to start again.');
      return { kind: 'card', card: supportCardFor(deps, existing.request, 'asker', await leadChats(deps)) };
    }
    await storage.audit.record({
      at: request.createdAt,
      actor: person.id,
      action: 'support.ask',
      subject: requestId,
      related: undefined,
      detail: { topic: request.topic },
    });
    const chats = await leadChats(deps);
    const copies = await sendToLeads(deps, request, chats);
    await storage.supportRequests.addCardCopies(requestId, copies);
    deps.logger.info({ requestId, outcome: 'asked', leadsTold: copies.length }, 'support question');
    const message =
      copies.length > 0
        ? `Thank you: your question is with the national lead. Your reference is ${requestId}.`
        : `Thank you: your question is saved as ${requestId}. The national lead will see it when they next open the bot.`;
    return { kind: 'card', card: supportCardFor(deps, request, 'asker', chats, { message }) };
  },
};
