import type { Feature } from '../feature.js';
import { decideBuddyRequest } from './actions/decideBuddyRequest.js';
import { matchBuddyRequest } from './actions/matchBuddyRequest.js';
import { refreshBuddyRequest } from './actions/refreshBuddyRequest.js';
import { submitBuddySignUp } from './actions/submitBuddySignUp.js';
import { withdrawBuddyRequest } from './actions/withdrawBuddyRequest.js';
import { endBuddyPairing } from './actions/endBuddyPairing.js';
import { pauseMentoring } from './actions/pauseMentoring.js';
import { askForNewBuddy } from './actions/askForNewBuddy.js';
import { answerCheckIn } from './actions/answerCheckIn.js';
import { buddyIntents } from './intents.js';
import { buddyAliases, buddyData, eraseBuddyData, removeOldBuddyRequests } from './privacy.js';

/** The buddy scheme: sign-up, the leads' decisions and matches, pairs. */
export const buddyFeature: Feature = {
  name: 'buddy',
  intents: buddyIntents,
  actions: [
    submitBuddySignUp,
    decideBuddyRequest,
    matchBuddyRequest,
    refreshBuddyRequest,
    withdrawBuddyRequest,
    endBuddyPairing,
    pauseMentoring,
    askForNewBuddy,
    answerCheckIn,
  ],
  aliases: buddyAliases,
  myData: buddyData,
  erase: eraseBuddyData,
  retention: removeOldBuddyRequests,
};
