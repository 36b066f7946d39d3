import { answerCard } from '../answerCard.js';
import type { Feature, IntentHandler } from '../feature.js';
import { leadsOnlyAnswer } from '../leads/leadsOnly.js';

// Being built: each of these is replaced by its card in the next commits.
const notYet =
  (title: string): IntentHandler =>
  (deps) =>
    Promise.resolve(answerCard(leadsOnlyAnswer(deps.directory.network, title)));

/** Running the network from Teams: the lead menu, the leads and deputies, the directory on cards. */
export const adminFeature: Feature = {
  name: 'admin',
  intents: {
    leadMenu: notYet('The lead menu'),
    manageLeads: notYet('Leads and deputies'),
    directorySettings: notYet('Directory settings'),
    directoryHistory: notYet('Directory history'),
  },
};
