import type { Feature } from '../feature.js';
import { answerSupportRequest } from './actions/answerSupportRequest.js';
import { askNationalLead } from './actions/askNationalLead.js';
import { closeSupportRequest } from './actions/closeSupportRequest.js';
import { refreshSupportRequest } from './actions/refreshSupportRequest.js';
import { reopenSupportRequest } from './actions/reopenSupportRequest.js';
import { resolveSupportRequest } from './actions/resolveSupportRequest.js';
import { submitSupportQuestion } from './actions/submitSupportQuestion.js';
import { takeSupportRequest } from './actions/takeSupportRequest.js';
import { supportIntents } from './intents.js';
import { eraseSupportData, removeOldSupportRequests, supportAliases, supportData } from './privacy.js';

/** Asking the national lead: questions tracked as requests the leads take, answer or close from a card. */
export const supportFeature: Feature = {
  name: 'support',
  intents: supportIntents,
  actions: [
    askNationalLead,
    submitSupportQuestion,
    takeSupportRequest,
    answerSupportRequest,
    closeSupportRequest,
    resolveSupportRequest,
    reopenSupportRequest,
    refreshSupportRequest,
  ],
  aliases: supportAliases,
  myData: supportData,
  erase: eraseSupportData,
  retention: removeOldSupportRequests,
};
