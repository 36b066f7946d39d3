import { answerCard } from '../answerCard.js';
import type { IntentHandler } from '../feature.js';
import { isLead } from '../leads/isLead.js';
import { leadsOnlyAnswer } from '../leads/leadsOnly.js';
import type { Intent } from '../questions/intents.js';
import { answerListCard } from './answersCards.js';

/** The leads' list of the answers they taught. */
export const answersIntents = {
  teachAnswers: async (deps, userId) =>
    (await isLead(deps, userId))
      ? answerListCard(await deps.storage.taughtAnswers.list())
      : answerCard(leadsOnlyAnswer(deps.directory.network, 'The bot’s taught answers')),
} satisfies Partial<Record<Intent, IntentHandler>>;
