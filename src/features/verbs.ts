/**
 * Every Action.Execute verb, written once: cards get it through their template data and the
 * handler map is keyed by it.
 */
export const VERBS = {
  showHelp: 'showHelp',
  askQuestion: 'askQuestion',
  chooseOrganisation: 'chooseOrganisation',
  saveOrganisation: 'saveOrganisation',
  undoWorkplace: 'undoWorkplace',
  submitBuddySignUp: 'submitBuddySignUp',
  decideBuddyRequest: 'decideBuddyRequest',
  matchBuddyRequest: 'matchBuddyRequest',
  refreshBuddyRequest: 'refreshBuddyRequest',
  withdrawBuddyRequest: 'withdrawBuddyRequest',
  saveWebinarSchedule: 'saveWebinarSchedule',
  changeWebinarOccurrence: 'changeWebinarOccurrence',
  showWebinarOccurrence: 'showWebinarOccurrence',
  confirmReminderNow: 'confirmReminderNow',
  eraseMyData: 'eraseMyData',
  editDirectorySection: 'editDirectorySection',
  saveDirectorySection: 'saveDirectorySection',
  restoreDirectoryVersion: 'restoreDirectoryVersion',
  addLead: 'addLead',
  removeLead: 'removeLead',
  askNationalLead: 'askNationalLead',
  submitSupportQuestion: 'submitSupportQuestion',
  takeSupportRequest: 'takeSupportRequest',
  answerSupportRequest: 'answerSupportRequest',
  closeSupportRequest: 'closeSupportRequest',
  resolveSupportRequest: 'resolveSupportRequest',
  reopenSupportRequest: 'reopenSupportRequest',
  refreshSupportRequest: 'refreshSupportRequest',
  editTaughtAnswer: 'editTaughtAnswer',
  saveTaughtAnswer: 'saveTaughtAnswer',
  removeTaughtAnswer: 'removeTaughtAnswer',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
