import { askQuestion } from './askQuestion.js';
import type { CardAction } from './cardAction.js';
import { changeWebinarOccurrence } from './changeWebinarOccurrence.js';
import { chooseOrganisation } from './chooseOrganisation.js';
import { confirmReminderNow } from './confirmReminderNow.js';
import { decideBuddyRequest } from './decideBuddyRequest.js';
import { eraseMyData } from './eraseMyData.js';
import { matchBuddyRequest } from './matchBuddyRequest.js';
import { refreshBuddyRequest } from './refreshBuddyRequest.js';
import { saveOrganisation } from './saveOrganisation.js';
import { saveWebinarSchedule } from './saveWebinarSchedule.js';
import { showHelp } from './showHelp.js';
import { submitBuddySignUp } from './submitBuddySignUp.js';
import { withdrawBuddyRequest } from './withdrawBuddyRequest.js';

/** The one place card verbs are wired to their handlers. */
export const cardActions: ReadonlyMap<string, CardAction> = new Map(
  [
    showHelp,
    askQuestion,
    chooseOrganisation,
    saveOrganisation,
    submitBuddySignUp,
    decideBuddyRequest,
    matchBuddyRequest,
    refreshBuddyRequest,
    withdrawBuddyRequest,
    saveWebinarSchedule,
    changeWebinarOccurrence,
    confirmReminderNow,
    eraseMyData,
  ].map(
    (action) => [action.verb, action],
  ),
);
