import { z } from 'zod';
import { escapeCardText } from '../../../platform/cards/escapeCardText.js';
import { ANSWER_ID_PATTERN, answerListCard } from '../answersCards.js';
import { unteach } from '../teach.js';
import { isLead } from '../../leads/isLead.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';
import { VERBS } from '../../verbs.js';
import type { CardAction } from '../../cardAction.js';

const data = z.object({ answerId: z.string().regex(ANSWER_ID_PATTERN).optional().catch(undefined) });

/** Removes the chosen taught answer: MSOs stop getting it; its versions stay. */
export const removeTaughtAnswer: CardAction = {
  verb: VERBS.removeTaughtAnswer,
  async handle({ request, deps, data: raw }) {
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const { answerId } = data.parse(raw);
    const store = deps.storage.taughtAnswers;
    const current = answerId ? await store.get(answerId) : undefined;
    let message = answerId ? 'That answer had already been removed.' : 'Choose an answer first.';
    if (current) {
      const removed = await unteach(deps, request.person, current);
      message = removed
        ? `Removed “${escapeCardText(current.title, 80)}”: MSOs no longer get it.`
        : 'Another lead changed that answer meanwhile: check it, then remove it again.';
      if (removed) deps.logger.info({ answerId, outcome: 'removed' }, 'taught answer');
    }
    return { kind: 'card', card: answerListCard(await store.list(), message) };
  },
};
