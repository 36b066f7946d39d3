import type { Intent } from './intents.js';

/**
 * What a person can type to the bot. The help card lists these; the Teams manifest's command
 * lists are built from the same entries, so the two never disagree. A test checks that each
 * title is understood as its intent.
 */
export interface CommandInfo {
  /** What the person types; at most 32 characters (Teams' limit for a command title). */
  title: string;
  /** At most 128 characters (Teams' limit). */
  description: string;
  intent: Intent;
}

export const COMMANDS = [
  { title: 'my regional network', description: 'Your NHS England regional MSO network', intent: 'regionalNetwork' },
  {
    title: 'who is my regional lead',
    description: 'Who leads your regional network, and how to contact them',
    intent: 'regionalLead',
  },
  {
    title: 'who is the national lead',
    description: 'The national MSO network lead at SPS: who to contact for support',
    intent: 'nationalLead',
  },
  {
    title: 'buddy scheme',
    description: 'The buddy scheme for new, developing and experienced MSOs',
    intent: 'buddyAbout',
  },
  { title: 'join the buddy scheme', description: 'Sign up for a buddy, to develop, or to mentor', intent: 'buddyJoin' },
  {
    title: 'my buddy request',
    description: 'Where your buddy scheme request is up to, and withdrawing it',
    intent: 'buddyStatus',
  },
  {
    title: 'who is my buddy',
    description: 'Your buddy, or as a mentor your buddies, since when, and how to reach them',
    intent: 'myBuddy',
  },
  {
    title: 'end my buddy pairing',
    description: 'End a pairing, with a reason for the national lead',
    intent: 'endBuddyPairing',
  },
  {
    title: 'pause mentoring',
    description: 'Mentors: stop being suggested for new buddies for a while, or resume',
    intent: 'mentoringPause',
  },
  {
    title: 'steering group',
    description: 'Who sets the network agenda and runs the monthly webinar',
    intent: 'steeringGroup',
  },
  { title: 'next webinar', description: 'The monthly MSO webinar', intent: 'webinar' },
  { title: 'is there training', description: 'Training and peer support for MSOs', intent: 'training' },
  { title: 'RPS resources', description: 'Royal Pharmaceutical Society guidance and standards', intent: 'rps' },
  { title: 'stop reminders', description: 'Stop webinar reminders in this chat or channel', intent: 'remindersStop' },
  {
    title: 'start reminders',
    description: 'Turn webinar reminders back on in this chat or channel',
    intent: 'remindersStart',
  },
  {
    title: 'ask the national lead',
    description: 'Send a question to the national lead and deputies; the answer comes back here',
    intent: 'askLead',
  },
  {
    title: 'my questions',
    description: 'Your questions to the national lead and their answers',
    intent: 'myQuestions',
  },
  {
    title: 'what do you hold about me',
    description: 'Everything the bot keeps about you, on one card',
    intent: 'dataShow',
  },
  {
    title: 'delete my data',
    description: 'Erase everything the bot keeps about you (asks you to confirm)',
    intent: 'dataDelete',
  },
  {
    title: 'change my organisation',
    description: 'Tell me where you work, so I can find your regional network',
    intent: 'setOrganisation',
  },
  { title: 'help', description: 'See what I can do', intent: 'help' },
] as const satisfies readonly CommandInfo[];

/** What only the national lead and deputies can do; the help card lists these for them alone. */
export const LEAD_COMMANDS = [
  { title: 'lead menu', description: 'Everything a lead can do, and what is waiting for you', intent: 'leadMenu' },
  {
    title: 'pending requests',
    description: 'Buddy scheme requests waiting for a decision or a buddy',
    intent: 'buddyPending',
  },
  {
    title: 'open questions',
    description: "MSOs' questions to the national lead still waiting for an answer, oldest first",
    intent: 'openQuestions',
  },
  {
    title: 'answers',
    description: 'The answers you taught the bot: add, change or remove them',
    intent: 'teachAnswers',
  },
  {
    title: 'buddy pairs',
    description: 'Active buddy pairs by region, oldest first, with check-ins',
    intent: 'buddyPairs',
  },
  {
    title: 'buddy scheme summary',
    description: 'Requests, waiting, pairs and check-ins, by region',
    intent: 'buddySummary',
  },
  {
    title: 'webinar settings',
    description: 'Set the webinar schedule, topic and joining link; change or cancel one date',
    intent: 'webinarSettings',
  },
  {
    title: 'send webinar reminder now',
    description: 'Remind every subscribed chat and channel of the next webinar (asks you to confirm)',
    intent: 'reminderNow',
  },
  { title: 'reminder report', description: 'Who the last webinar reminder reached', intent: 'reminderReport' },
  {
    title: 'new announcement',
    description: 'Write an announcement to everyone, one region or the channels; preview it, then send it',
    intent: 'newAnnouncement',
  },
  {
    title: 'announcements',
    description: 'The last 10 announcements with their reports; withdraw one',
    intent: 'announcements',
  },
  {
    title: 'directory settings',
    description: 'The national lead, steering group and regional networks the bot tells MSOs about',
    intent: 'directorySettings',
  },
  {
    title: 'directory history',
    description: 'Earlier versions of the directory, and restoring one',
    intent: 'directoryHistory',
  },
  { title: 'leads', description: 'Add or remove the deputies who can act as leads', intent: 'manageLeads' },
  {
    title: 'audit log',
    description: 'The last 20 decisions, settings changes, broadcasts and erasures: who, what and when',
    intent: 'auditLog',
  },
] as const satisfies readonly CommandInfo[];

/** The questions offered as buttons on the help card. */
export const MENU_QUESTIONS = [
  { title: 'Who is my regional lead?', intent: 'regionalLead' },
  { title: 'Who is the national lead?', intent: 'nationalLead' },
  { title: 'What is the buddy scheme?', intent: 'buddyAbout' },
  { title: 'Is there MSO training?', intent: 'training' },
  { title: 'When is the webinar?', intent: 'webinar' },
] as const satisfies readonly { title: string; intent: Intent }[];
