import { askQuestion } from './questions/actions/askQuestion.js';
import type { CardAction } from './cardAction.js';
import { changeWebinarOccurrence } from './webinar/actions/changeWebinarOccurrence.js';
import { chooseOrganisation } from './directory/actions/chooseOrganisation.js';
import { confirmReminderNow } from './reminders/actions/confirmReminderNow.js';
import { decideBuddyRequest } from './buddy/actions/decideBuddyRequest.js';
import { eraseMyData } from './privacy/actions/eraseMyData.js';
import { matchBuddyRequest } from './buddy/actions/matchBuddyRequest.js';
import { refreshBuddyRequest } from './buddy/actions/refreshBuddyRequest.js';
import { saveOrganisation } from './directory/actions/saveOrganisation.js';
import { saveWebinarSchedule } from './webinar/actions/saveWebinarSchedule.js';
import { showHelp } from './questions/actions/showHelp.js';
import { submitBuddySignUp } from './buddy/actions/submitBuddySignUp.js';
import { withdrawBuddyRequest } from './buddy/actions/withdrawBuddyRequest.js';

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
  ].map((action) => [action.verb, action]),
);
