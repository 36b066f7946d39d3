import { z } from 'zod';
import { valuesOf, readAnswerValues } from '../answerForm.js';
import { ANSWER_ID_PATTERN, answerFormCard, answerListCard, newAnswerId } from '../answersCards.js';
import { isLead } from '../../leads/isLead.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';
import { VERBS } from '../../verbs.js';
import type { CardAction } from '../../cardAction.js';

const data = z.object({
  new: z.literal('true').optional().catch(undefined),
  answerId: z.string().regex(ANSWER_ID_PATTERN).optional().catch(undefined),
});

/** From the list of taught answers: the form for a new answer, or for the one chosen. */
export const editTaughtAnswer: CardAction = {
  verb: VERBS.editTaughtAnswer,
  async handle({ request, deps, data: raw }) {
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const { new: isNew, answerId } = data.parse(raw);
    if (isNew)
      return {
        kind: 'card',
        card: answerFormCard({ answerId: newAnswerId(), version: undefined, values: readAnswerValues({}) }),
      };
    const current = answerId ? await deps.storage.taughtAnswers.get(answerId) : undefined;
    if (!current) {
      const message = answerId ? 'That answer has been removed meanwhile.' : 'Choose an answer first.';
      return { kind: 'card', card: answerListCard(await deps.storage.taughtAnswers.list(), message) };
    }
    return {
      kind: 'card',
      card: answerFormCard({ answerId: current.id, version: current.version, values: valuesOf(current) }),
    };
  },
};
