import { answerCard } from '../answerCard.js';
import type { IntentHandler } from '../feature.js';
import { isLead } from '../leads/isLead.js';
import type { Intent } from '../questions/intents.js';
import { auditLogCard } from './auditLogCard.js';
import { eraseConfirmCard, myDataCard } from './myData.js';
import { leadsOnlyAnswer } from '../leads/leadsOnly.js';

/** "audit log" shows this many entries, newest first. */
const AUDIT_LOG_ENTRIES = 20;

/** What the bot holds about a person, erasing it, and the leads' audit log. */
export const privacyIntents = {
  auditLog: async (deps, userId) => {
    if (!(await isLead(deps, userId))) return answerCard(leadsOnlyAnswer(deps.directory.network, 'The audit log'));
    return auditLogCard(deps, await deps.storage.audit.latest(AUDIT_LOG_ENTRIES));
  },
  dataShow: (deps, userId) => myDataCard(deps, userId),
  dataDelete: () => Promise.resolve(eraseConfirmCard()),
} satisfies Partial<Record<Intent, IntentHandler>>;
