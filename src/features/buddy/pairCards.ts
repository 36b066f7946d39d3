import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { formatUkDate } from '../../platform/ukDateTime.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import { teamsChatLink } from '../directory/answers.js';
import { VERBS } from '../verbs.js';
import { activePairs, pairsOf, placeInQueue, type ActivePair } from './buddyPairs.js';
import { buddyAboutAnswer } from './buddyAnswers.js';
import type { BuddyRequest } from './buddyScheme.js';
import { pairingsOf, pairKey, SIDES, type CheckInAnswer, type Pairing } from './pairings.js';
import { needsAttention } from './checkIns.js';

interface PairLine {
  title: string;
  summary: string;
  links: readonly { title: string; url: string }[];
}

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    buddyPairs: {
      /** Whose card: the person's own, or the leads' list; the answer to *End* is the same kind. */
      view: 'own' | 'leads';
      title: string;
      message: string;
      paragraphs: readonly string[];
      groups: readonly { heading: string; pairs: readonly PairLine[] }[];
      /** The pairings that may be ended from this card, and the one chosen when there is only one. */
      choices: readonly { title: string; value: string }[];
      chosen: string;
      /** "Pause mentoring" or "Resume mentoring" for a mentor, else ''. */
      pause: string;
      pausing: 'true' | 'false';
      /** The request id of a mentee whose pairing ended, who may ask for a new buddy, else ''. */
      askAgain: string;
      verbs: { end: string; pause: string; askAgain: string };
    };
  }
}

registerCardTemplates('buddy', ['buddyPairs']);

/** The most pairs one "buddy pairs" card lists. */
const PAIRS_SHOWN = 40;

const VERBS_OF_PAIRS = { end: VERBS.endBuddyPairing, pause: VERBS.pauseMentoring, askAgain: VERBS.askForNewBuddy };

/** How an answer reads in a list of them. */
const ANSWER_IN_A_LIST: Readonly<Record<CheckInAnswer, string>> = {
  goingWell: 'going well',
  notMet: 'not met yet',
  endOrChange: 'wants to end or change it',
};

/** "Needs attention. 4-week check-in: mentee going well, mentor not met yet" for each check-in sent. */
export function checkInSummary(pairing: Pairing): string {
  const lines = pairing.checkIns.map((checkIn) => {
    const answers = SIDES.flatMap((side) => {
      const given = checkIn.answers[side];
      return given ? [`${side} ${ANSWER_IN_A_LIST[given.answer]}`] : [];
    });
    return `${String(checkIn.week)}-week check-in: ${answers.length > 0 ? answers.join(', ') : 'no answer yet'}`;
  });
  const attention = pairing.checkIns.some((checkIn) => needsAttention(pairing, checkIn));
  return [...(attention ? ['Needs attention'] : []), ...lines].join('; ');
}

function aboutPerson(deps: Pick<BotDeps, 'directory'>, person: BuddyRequest): string {
  const organisation = person.organisationCode && deps.directory.organisations.byCode(person.organisationCode)?.name;
  return [
    organisation || deps.directory.reference.region(person.region).name,
    person.preferredContact === 'teams' ? 'prefers a chat in Teams' : 'prefers email',
  ].join('; ');
}

/**
 * "Who is my buddy" and "my buddies": the person's pairs with when they started and ways to get
 * in touch; where a request stands when there is no pair (waiting, and their place in the
 * queue); a mentor's pause; ending a pairing.
 */
export async function myBuddiesCard(
  deps: BotDeps,
  userId: string,
  message = '',
  /** What the words that opened it asked for: ending a pairing, or pausing mentoring. */
  focus?: 'end' | 'pause',
): Promise<AdaptiveCardJson> {
  const [mine, pairs] = await Promise.all([deps.storage.buddyRequests.list({ userId }), pairsOf(deps.storage, userId)]);
  const requests = mine.map((stored) => stored.request);
  if (requests.length === 0)
    return answerCard({
      ...buddyAboutAnswer(deps.directory.network),
      title: 'You have no buddy yet',
      paragraphs: [
        'You are not in the buddy scheme. It pairs MSOs new to post, or wanting to develop, with experienced MSOs who mentor.',
      ],
      asks: [{ title: 'Join the buddy scheme', intent: 'buddyJoin' }],
    });
  const lines = pairs.map((pair) => {
    const mentoring = pair.mentor.userId === userId;
    const other = mentoring ? pair.mentee : pair.mentor;
    const name = escapeCardText(other.name, 80);
    return {
      title: name,
      summary: `${mentoring ? 'Your mentee' : 'Your buddy'} since ${formatUkDate(pair.pairing.startedAt)}; ${aboutPerson(deps, other)}`,
      links: [
        { title: 'Chat in Teams', url: teamsChatLink({ name: other.name, email: other.email }) },
        { title: 'Email', url: `mailto:${other.email}` },
      ],
    };
  });
  const mentor = requests.find((request) => request.wayIn === 'mentor' && isInScheme(request));
  const ended = requests.find((request) => request.status === 'ended');
  const paragraphs = await Promise.all(requests.map((request) => whereItStands(deps, request)));
  const focused =
    focus === 'end'
      ? pairs.length > 0
        ? 'To end a pairing, choose "End a pairing…" below and say why. Afterwards you can ask for a new buddy.'
        : 'You have no pairing to end now.'
      : focus === 'pause'
        ? mentor
          ? 'Pausing means you are not suggested for new buddies until you resume; your current buddies stay with you.'
          : 'Only mentors in the scheme can pause mentoring.'
        : '';
  return renderCard('buddyPairs', {
    view: 'own',
    title: pairs.length > 1 ? 'Your buddies' : mentor && pairs.length === 0 ? 'Your mentoring' : 'Your buddy',
    message: message || focused,
    paragraphs: paragraphs.filter((paragraph) => paragraph !== ''),
    groups: lines.length > 0 ? [{ heading: '', pairs: lines }] : [],
    ...endChoices(pairs, (pair) => (pair.mentor.userId === userId ? pair.mentee.name : pair.mentor.name)),
    pause: mentor ? (mentor.paused ? 'Resume mentoring' : 'Pause mentoring') : '',
    pausing: mentor?.paused ? 'false' : 'true',
    askAgain: ended?.id ?? '',
    verbs: VERBS_OF_PAIRS,
  });
}

const isInScheme = (request: BuddyRequest) => request.status === 'approved' || request.status === 'matched';

/** A sentence on one of the person's requests when it has no current pair to show, or ''. */
async function whereItStands(deps: BotDeps, request: BuddyRequest): Promise<string> {
  if (request.wayIn === 'mentor') {
    if (!isInScheme(request))
      return request.status === 'pending' ? 'Your offer to mentor is waiting for the national lead.' : '';
    const places = `${String(request.capacityLeft)} of ${String(request.capacity ?? 0)} places free`;
    return request.paused
      ? `Your mentoring is paused: you are not suggested for new buddies (${places}); your current buddies stay with you. Resume it when you are ready.`
      : `You are mentoring: ${places}.`;
  }
  switch (request.status) {
    case 'pending':
      return 'Your request for a buddy is waiting for the national lead.';
    case 'approved': {
      const place = await placeInQueue(deps.storage, request);
      return `You are waiting for a buddy${place === undefined ? '' : `: number ${String(place)} in the queue`}. The national lead will match you as soon as a mentor who fits is free.`;
    }
    case 'ended': {
      const last = pairingsOf(request).at(-1);
      return `Your last pairing ended${last?.ended ? ` on ${formatUkDate(last.ended.at)}` : ''}. You can ask for a new buddy (never the same one again).`;
    }
    default:
      return '';
  }
}

function endChoices(pairs: readonly ActivePair[], nameOf: (pair: ActivePair) => string) {
  const choices = pairs.map((pair) => ({
    title: `${escapeCardText(nameOf(pair), 80)} (since ${formatUkDate(pair.pairing.startedAt)})`,
    value: pairKey(pair.mentee.id, pair.mentor.id),
  }));
  return { choices, chosen: choices.length === 1 ? (choices[0]?.value ?? '') : '' };
}

/** The leads' `buddy pairs`: every current pair by the mentee's region, oldest first, with its check-ins. */
export async function buddyPairsCard(deps: BotDeps, message = ''): Promise<AdaptiveCardJson> {
  const all = await activePairs(deps.storage);
  // A card must stay within Teams' size limit: the oldest pairs, which most need a look.
  const pairs = all.slice(0, PAIRS_SHOWN);
  const groups = deps.directory.reference.regions
    .map((region) => ({
      heading: region.name,
      pairs: pairs
        .filter((pair) => pair.mentee.region === region.code)
        .map((pair) => ({
          title: `${escapeCardText(pair.mentee.name, 80)} with ${escapeCardText(pair.mentor.name, 80)} (mentor)`,
          summary: [`since ${formatUkDate(pair.pairing.startedAt)}`, checkInSummary(pair.pairing)]
            .filter(Boolean)
            .join('; '),
          links: [],
        })),
    }))
    .filter((group) => group.pairs.length > 0);
  return renderCard('buddyPairs', {
    view: 'leads',
    title: 'Buddy pairs',
    message,
    paragraphs: [
      all.length === 0
        ? 'No pair is active now.'
        : `${String(all.length)} active ${all.length === 1 ? 'pair' : 'pairs'}, by the mentee's region, oldest first${
            all.length > pairs.length ? `: the ${String(pairs.length)} oldest are shown` : ''
          }.`,
    ],
    groups,
    ...endChoices(pairs, (pair) => `${pair.mentee.name} with ${pair.mentor.name}`),
    pause: '',
    pausing: 'true',
    askAgain: '',
    verbs: VERBS_OF_PAIRS,
  });
}
