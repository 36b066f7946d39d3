import { formatFullUkDateTime, formatUkDate } from '../../platform/ukDateTime.js';
import { teamsChatLink } from '../directory/answers.js';
import { FOCUS_AREAS, focusAreaTitle, WAY_IN_TITLES, WAYS_IN, wantsBuddy, type BuddyRequest } from './buddyScheme.js';
import type { Suggestion } from './matching.js';
import type { SignUpErrors, SignUpValues } from './signUpForm.js';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { Directory } from '../directory/directory.js';
import { VERBS } from '../verbs.js';

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    buddySignUp: {
      intro: string;
      /** Markdown-free summary of what to fix, or ''. */
      message: string;
      values: SignUpValues;
      /** The months as a number for the number input; null when none (or not a number) was given. */
      monthsValue: number | null;
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
      /** A Teams chat with each buddy named in the facts. */
      chats: readonly { title: string; url: string }[];
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
      /** The applicant's view of a request whose pairing ended: they may ask for a new buddy. */
      askAgain: boolean;
      /** Teams user ids (MRIs) that refresh the card to their own view: the leads. */
      refreshUserIds: readonly string[];
      verbs: { refresh: string; decide: string; match: string; withdraw: string; askAgain: string };
    };
  }
}

registerCardTemplates('buddy', ['buddySignUp', 'buddyRequest']);

const NO_ERRORS: Record<keyof SignUpValues, string> = {
  wayIn: '',
  organisation: '',
  region: '',
  monthsInRole: '',
  focusAreas: '',
  capacity: '',
  preferredContact: '',
  email: '',
  note: '',
  consent: '',
};

/** The sign-up card, with what the person entered kept and a message at each field to fix. */
export function signUpCard(directory: Directory, values: SignUpValues, errors: SignUpErrors = {}): AdaptiveCardJson {
  const problems = Object.keys(errors).length;
  return renderCard('buddySignUp', {
    intro:
      'The national MSO network lead runs the buddy scheme: for MSOs new to post, for MSOs who want to develop with a more senior buddy, and for experienced MSOs who want to mentor. The lead reads every request.',
    message:
      problems > 0 ? `Please check the ${problems === 1 ? 'field' : `${String(problems)} fields`} marked below.` : '',
    values,
    monthsValue: /^\d{1,3}$/.test(values.monthsInRole.trim()) ? Number(values.monthsInRole.trim()) : null,
    errors: { ...NO_ERRORS, ...errors },
    wayIns: WAYS_IN.map((wayIn) => ({ title: WAY_IN_TITLES[wayIn], value: wayIn })),
    regions: directory.reference.regions.map((region) => ({ title: region.name, value: region.code })),
    focusAreas: FOCUS_AREAS.map((area) => ({ title: area.title, value: area.id })),
    verbs: { submit: VERBS.submitBuddySignUp },
  });
}

/** `regional`: the lead of the applicant's region, who gets a copy to read but not to act on. */
export type Viewer = 'lead' | 'regional' | 'applicant' | 'other';

/** Someone the request is paired with now, as its card names them. */
export interface PairedPerson {
  name: string;
  email: string;
  since: string;
}

export interface RequestCardOptions {
  viewer: Viewer;
  /** The mentee's buddy, or a mentor's mentees. */
  pairedWith?: readonly PairedPerson[];
  /** A mentee approved and waiting: their place in the queue. */
  placeInQueue?: number;
  /** A mentee's ended pairings: with whom, when, who ended it and (for the leads) why. */
  earlier?: readonly { name: string; from: string; to: string; by: string; reason: string }[];
  suggestions?: readonly Suggestion[];
  leadMris: readonly string[];
  message?: string;
}

const STATUS: Record<
  BuddyRequest['status'],
  { line: string; colour: 'Default' | 'Good' | 'Attention' | 'Accent' | 'Warning' }
> = {
  pending: { line: 'Waiting for the national lead', colour: 'Accent' },
  approved: { line: 'Approved', colour: 'Good' },
  matched: { line: 'Matched with a buddy', colour: 'Good' },
  declined: { line: 'Declined', colour: 'Attention' },
  withdrawn: { line: 'Withdrawn', colour: 'Default' },
  ended: { line: 'Pairing ended', colour: 'Default' },
};

/** A buddy request as each viewer sees it: the lead can decide, the applicant can withdraw, others read. */
export function requestCard(
  directory: Directory,
  request: BuddyRequest,
  options: RequestCardOptions,
): AdaptiveCardJson {
  const { decision } = request;
  const decided = decision ? ` by ${escapeCardText(decision.byName, 80)} on ${formatFullUkDateTime(decision.at)}` : '';
  const paired = options.viewer === 'other' ? [] : (options.pairedWith ?? []);
  const buddy = wantsBuddy(request) && request.status === 'matched' ? paired[0] : undefined;
  const line = buddy
    ? `Matched with ${escapeCardText(buddy.name, 80)}`
    : request.wayIn === 'mentor' && request.status === 'matched'
      ? 'Approved, every place taken'
      : STATUS[request.status].line;
  const after = [
    ...(options.placeInQueue === undefined
      ? []
      : [`Waiting for a buddy: number ${String(options.placeInQueue)} in the queue.`]),
    ...(request.paused ? ['Mentoring paused: not suggested for new buddies until resumed.'] : []),
  ];
  const statusLine = [
    `${line}${request.status === 'pending' || request.status === 'withdrawn' || request.status === 'ended' ? '' : decided}`,
    ...after,
  ].join('. ');
  const organisation = request.organisationCode
    ? directory.organisations.byCode(request.organisationCode)?.name
    : undefined;
  const open = request.status === 'pending' || (request.status === 'approved' && wantsBuddy(request));
  const lead = options.viewer === 'lead';
  const suggestions = lead && open && wantsBuddy(request) ? (options.suggestions ?? []) : [];
  const decidable = lead && request.status === 'pending';
  const matchable = lead && request.status === 'approved' && suggestions.length > 0;
  return renderCard('buddyRequest', {
    requestId: request.id,
    title: `Buddy scheme request: ${escapeCardText(request.name, 80)}`,
    statusLine,
    statusColour: STATUS[request.status].colour,
    message: options.message ?? '',
    // Someone who is neither a lead nor the applicant sees the status only.
    facts:
      options.viewer === 'other'
        ? []
        : [
            { title: 'Way in', value: WAY_IN_TITLES[request.wayIn] },
            { title: 'Organisation', value: organisation ?? 'Not given' },
            { title: 'Region', value: directory.reference.region(request.region).name },
            { title: 'Time as MSO', value: describeMonths(request.monthsInRole) },
            { title: 'Focus areas', value: request.focusAreas.map(focusAreaTitle).join(', ') },
            ...(request.wayIn === 'mentor'
              ? [
                  {
                    title: 'Buddies they can take',
                    value: `${String(request.capacityLeft)} of ${String(request.capacity ?? 0)} left`,
                  },
                ]
              : []),
            {
              title: 'Contact',
              value: `${request.preferredContact === 'teams' ? 'Teams chat' : 'Email'}, ${escapeCardText(request.email)}`,
            },
            ...(options.earlier ?? []).map((pairing) => ({
              title: 'Earlier buddy',
              value: `${escapeCardText(pairing.name, 80)}, ${formatUkDate(pairing.from)} to ${formatUkDate(pairing.to)}, ended by ${pairing.by}${
                lead && pairing.reason ? `: ${escapeCardText(pairing.reason, 300)}` : ''
              }`,
            })),
            ...paired.map((person) => ({
              title: wantsBuddy(request) ? 'Buddy' : 'Mentee',
              value: `${escapeCardText(person.name, 80)}, since ${formatUkDate(person.since)}`,
            })),
            ...(request.status === 'declined' && decision?.reason
              ? [{ title: 'Reason', value: escapeCardText(decision.reason, 300) }]
              : []),
          ],
    chats: paired.map((person) => ({
      title: `Chat with ${escapeCardText(person.name, 80)}`,
      url: teamsChatLink({ name: person.name, email: person.email }),
    })),
    note: request.note && options.viewer !== 'other' ? escapeCardText(request.note, 500) : '',
    decidable,
    matchable,
    suggestions: suggestions.map((suggestion) => ({
      title: `${suggestion.mentor.name}: ${suggestion.reasons.join('; ')}`,
      value: suggestion.mentor.id,
    })),
    noSuggestions:
      lead && open && wantsBuddy(request) && suggestions.length === 0
        ? request.status === 'pending'
          ? 'No mentor is available yet. You can approve now and choose a buddy later from "pending requests".'
          : `No mentor who fits has a place yet: you will get this card again as soon as one has${
              (options.earlier ?? []).length > 0 ? ' (earlier buddies are never suggested again)' : ''
            }.`
        : '',
    withdrawable: options.viewer === 'applicant' && open,
    askAgain: options.viewer === 'applicant' && request.status === 'ended',
    refreshUserIds: options.leadMris,
    verbs: {
      refresh: VERBS.refreshBuddyRequest,
      decide: VERBS.decideBuddyRequest,
      match: VERBS.matchBuddyRequest,
      withdraw: VERBS.withdrawBuddyRequest,
      askAgain: VERBS.askForNewBuddy,
    },
  });
}

function describeMonths(months: number): string {
  if (months < 12) return `${String(months)} ${months === 1 ? 'month' : 'months'}`;
  const years = Math.floor(months / 12);
  return `${String(years)} ${years === 1 ? 'year' : 'years'}${months % 12 ? ` ${String(months % 12)} months` : ''}`;
}
