import { z } from 'zod';
import { checkAnswer, readAnswerValues, valuesOf } from '../answerForm.js';
import { ANSWER_ID_PATTERN, answerFormCard } from '../answersCards.js';
import { teach } from '../teach.js';
import { isLead } from '../../leads/isLead.js';
import { LEADS_ONLY } from '../../leads/leadsOnly.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({
  answerId: z.string().regex(ANSWER_ID_PATTERN),
  version: z.coerce.number().int().min(0).max(1_000_000),
});

/**
 * The answer form saved. Problems come back at their fields with what was typed kept; a change
 * made meanwhile by another lead is shown instead of being overwritten.
 */
export const saveTaughtAnswer: CardAction = {
  verb: VERBS.saveTaughtAnswer,
  async handle({ request, deps, data: raw }) {
    if (!(await isLead(deps, request.person.aadObjectId))) return LEADS_ONLY;
    const parsed = data.safeParse(raw);
    if (!parsed.success) return refuse.badRequest('This card is out of date. Type "answers" to start again.');
    const { answerId, version } = parsed.data;
    const expectedVersion = version === 0 ? undefined : version;
    const values = readAnswerValues(raw);
    const checked = checkAnswer(values);
    if (!checked.ok)
      return {
        kind: 'card',
        card: answerFormCard({ answerId, version: expectedVersion, values, errors: checked.errors }),
      };
    const saved = await teach(deps, request.person, answerId, expectedVersion, checked.answer);
    if (saved) {
      deps.logger.info({ answerId, version: saved.version, outcome: 'saved' }, 'taught answer');
      return {
        kind: 'card',
        card: answerFormCard({
          answerId,
          version: saved.version,
          values: valuesOf(saved),
          message: `Saved as version ${String(saved.version)}: MSOs get it from now on.`,
          saved: true,
        }),
      };
    }
    const current = await deps.storage.taughtAnswers.get(answerId);
    if (!current) return refuse.notFound('That answer has been removed meanwhile. Type "answers" to see the list.');
    return {
      kind: 'card',
      card: answerFormCard({
        answerId,
        version: current.version,
        values: valuesOf(current),
        message: `${current.updatedByName} changed this answer meanwhile; here it is as it stands. Nothing of yours was saved.`,
      }),
    };
  },
};
