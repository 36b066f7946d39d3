/** Everything the bot can be asked, as the intent classifier names it. `None`: not understood. */
export const INTENTS = [
  'regionalNetwork',
  'regionalLead',
  'nationalLead',
  'steeringGroup',
  'webinar',
  'buddyAbout',
  'buddyJoin',
  'buddyStatus',
  'buddyPending',
  'buddySummary',
  'training',
  'rps',
  'networkAbout',
  'reporting',
  'setOrganisation',
  'help',
  'remindersStop',
  'remindersStart',
  'webinarSettings',
  'reminderNow',
  'reminderReport',
  'auditLog',
  'dataShow',
  'dataDelete',
] as const;

export type Intent = (typeof INTENTS)[number];
export type IntentOrNone = Intent | 'None';
