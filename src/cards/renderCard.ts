import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CommandInfo } from '../bot/commands.js';
import type { SignUpValues } from '../buddy/signUpForm.js';
import type { Answer } from '../directory/answers.js';
import type { Intent } from '../nlu/intents.js';
import type { OccurrenceValues, ScheduleValues } from '../webinar/settingsForm.js';

/** What each template in cards/ is filled with. The key is the file name without `.json`. */
export interface CardData {
  welcome: { verbs: { showHelp: string } };
  help: {
    notUnderstood: boolean;
    commands: readonly CommandInfo[];
    /** Shown to the leads only. */
    leadCommands: readonly CommandInfo[];
    questions: readonly { title: string; intent: Intent }[];
    verbs: { askQuestion: string };
  };
  apology: { reference: string };
  answer: Omit<Answer, 'note'> & { note: string; verbs: { askQuestion: string } };
  organisationForm: {
    heading: string;
    /** Markdown: text the user typed must be escaped before it goes here. */
    message: string;
    choices: readonly { title: string; code: string }[];
    organisation: string;
    organisationError: string;
    region: string;
    regionError: string;
    regions: readonly { title: string; value: string }[];
    /** The question to answer once the organisation is known. */
    then: string;
    verbs: { chooseOrganisation: string; saveOrganisation: string };
  };
  buddySignUp: {
    intro: string;
    /** Markdown-free summary of what to fix, or ''. */
    message: string;
    values: SignUpValues;
    errors: Record<keyof SignUpValues, string>;
    wayIns: readonly { title: string; value: string }[];
    regions: readonly { title: string; value: string }[];
    focusAreas: readonly { title: string; value: string }[];
    verbs: { submit: string };
  };
  buddyRequest: {
    requestId: string;
    title: string;
    statusLine: string;
    statusColour: 'Default' | 'Good' | 'Attention' | 'Accent' | 'Warning';
    message: string;
    facts: readonly { title: string; value: string }[];
    /** Typed by the applicant: escaped before it gets here. */
    note: string;
    /** The lead's view of a pending request: approve (with a buddy, if chosen) or decline. */
    decidable: boolean;
    /** The lead's view of an approved request still needing a buddy, with someone to suggest. */
    matchable: boolean;
    suggestions: readonly { title: string; value: string }[];
    noSuggestions: string;
    /** The applicant's view of an open request. */
    withdrawable: boolean;
    /** Teams user ids (MRIs) that refresh the card to their own view: the leads. */
    refreshUserIds: readonly string[];
    verbs: { refresh: string; decide: string; match: string; withdraw: string };
  };
  webinarSettings: {
    /** Saved, or what to fix; '' for none. */
    message: string;
    messageColour: 'Default' | 'Good' | 'Attention';
    /** The schedule in words, or that none is set. */
    summary: string;
    /** The next dates as they stand, changes shown. */
    coming: readonly { title: string; value: string }[];
    schedule: ScheduleValues;
    change: OccurrenceValues;
    errors: Record<keyof ScheduleValues | keyof OccurrenceValues, string>;
    /** The dates a change can be made to. */
    occurrences: readonly { title: string; value: string }[];
    verbs: { saveSchedule: string; changeOccurrence: string };
  };
  confirm: {
    title: string;
    paragraphs: readonly string[];
    facts: readonly { title: string; value: string }[];
    /** False once done (or when there is nothing to do): the button goes. */
    confirmable: boolean;
    confirmTitle: string;
    /** `destructive` for an erasure. */
    confirmStyle: 'positive' | 'destructive';
    verb: string;
    /** What the handler needs back, such as an id made when the card was shown (so a double click acts once). */
    data: Readonly<Record<string, string>>;
  };
  myData: {
    intro: string;
    sections: readonly { heading: string; facts: readonly { title: string; value: string }[] }[];
    verbs: { askQuestion: string };
  };
}

export type CardName = keyof CardData;

/** An expanded Adaptive Card, ready to attach to an activity or return from an invoke. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  [property: string]: unknown;
}

export const CARD_NAMES = ['welcome', 'help', 'apology', 'answer', 'organisationForm', 'buddySignUp', 'buddyRequest', 'webinarSettings', 'confirm', 'myData'] as const satisfies readonly CardName[];

const CARDS_DIR = new URL('../../cards/', import.meta.url);

interface Template {
  expand(context: { $root: unknown }): unknown;
}
// Loaded untyped on purpose: the package's declarations import the adaptivecards TypeScript
// sources, which do not compile under this project's strict settings.
const { Template } = createRequire(import.meta.url)('adaptivecards-templating') as {
  Template: new (payload: unknown) => Template;
};

// Templates are read once; a Template is not changed by expanding it.
const templates = new Map<CardName, Template>(
  CARD_NAMES.map((name) => [name, new Template(JSON.parse(readFileSync(new URL(`${name}.json`, CARDS_DIR), 'utf8')))]),
);

/** The one way to make a card: a template from cards/ filled with typed data. */
export function renderCard<N extends CardName>(name: N, data: CardData[N]): AdaptiveCardJson {
  const template = templates.get(name);
  if (!template) throw new Error(`No card template named ${name}`);
  return template.expand({ $root: data }) as AdaptiveCardJson;
}
