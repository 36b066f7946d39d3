import { focusAreaTitle, wantsBuddy, type BuddyRequest } from './buddyScheme.js';
import { rankMentors } from './matching.js';
import { pairsOfRequest, placeInQueue } from './buddyPairs.js';
import { pairingsOf } from './pairings.js';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { teamsChatLink } from '../directory/answers.js';
import { errorSummary } from '../../platform/errorSummary.js';
import type { BuddyCardCopy } from './buddyRequests.js';
import type { BotDeps } from '../botDeps.js';
import { answerCard } from '../answerCard.js';
import { VERBS } from '../verbs.js';
import { requestCard, type RequestCardOptions, type Viewer } from './buddyCards.js';
import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { leadChats, leadMris, type LeadChats } from '../leads/leadChats.js';

/** What a request's card shows whoever looks: its current pairs, earlier buddies, place in the queue. */
export type PairingsShown = Pick<RequestCardOptions, 'pairedWith' | 'earlier' | 'placeInQueue'>;

/** Reads once what every viewer's card of the request shows about its pairings. */
export async function pairingsShown(deps: BotDeps, request: BuddyRequest): Promise<PairingsShown> {
  const pairs = await pairsOfRequest(deps.storage, request);
  const pairedWith = pairs.map(({ mentee, mentor, pairing }) => {
    const other = mentee.id === request.id ? mentor : mentee;
    return { name: other.name, email: other.email, since: pairing.startedAt };
  });
  const earlier = await Promise.all(
    (wantsBuddy(request) ? pairingsOf(request) : []).flatMap((pairing) => {
      const { ended } = pairing;
      return ended
        ? [
            deps.storage.buddyRequests.get(pairing.mentorRequestId).then((mentor) => ({
              name: mentor?.request.name ?? 'someone who has left the scheme',
              from: pairing.startedAt,
              to: ended.at,
              by: ended.by === 'lead' ? 'a lead' : `the ${ended.by}`,
              reason: ended.reason,
            })),
          ]
        : [];
    }),
  );
  const waiting = request.status === 'approved' && wantsBuddy(request);
  const place = waiting ? await placeInQueue(deps.storage, request) : undefined;
  return { pairedWith, earlier, ...(place === undefined ? {} : { placeInQueue: place }) };
}

/**
 * The request card for one viewer, with ranked buddy suggestions for a lead. Callers making
 * several cards at once pass the leads' chats and the pairings shown they already read.
 */
export async function requestCardFor(
  deps: BotDeps,
  request: BuddyRequest,
  viewer: Viewer,
  message?: string,
  chats?: LeadChats,
  shown?: PairingsShown,
) {
  const suggestions =
    viewer === 'lead' && wantsBuddy(request)
      ? rankMentors(
          request,
          (await deps.storage.buddyRequests.list({ wayIn: 'mentor', status: 'approved' })).map(
            (stored) => stored.request,
          ),
          (code) => deps.directory.reference.region(code).name,
        ).slice(0, 5)
      : [];
  const mris = leadMris(chats ?? (await leadChats(deps)));
  return requestCard(deps.directory, request, {
    viewer,
    suggestions,
    leadMris: mris,
    ...(shown ?? (await pairingsShown(deps, request))),
    ...(message ? { message } : {}),
  });
}

/**
 * Posts a request's card to each of the leads' chats: the copies that went, to record so that
 * later changes update them too. A chat that fails is logged and left out.
 */
export async function postToLeads(
  deps: BotDeps,
  request: BuddyRequest,
  card: AdaptiveCardJson,
  chats: LeadChats,
): Promise<BuddyCardCopy[]> {
  const copies: BuddyCardCopy[] = [];
  for (const chat of chats) {
    try {
      const activityId = await deps.messenger.send(chat.reference, card);
      if (activityId) copies.push({ reference: chat.reference, activityId });
    } catch (error) {
      deps.logger.warn(
        { requestId: request.id, outcome: 'lead_card_not_sent', error: errorSummary(error) },
        'buddy request',
      );
    }
  }
  return copies;
}

/** Sends a new request to every lead with a personal chat, and remembers where each copy went. */
export async function sendToLeads(deps: BotDeps, request: BuddyRequest): Promise<number> {
  const chats = await leadChats(deps);
  const shown = await pairingsShown(deps, request);
  const card = await requestCardFor(deps, request, 'lead', undefined, chats, shown);
  const copies = await postToLeads(deps, request, card, chats);
  const regional = await regionalLeadChat(deps, request);
  if (regional && !chats.some((chat) => chat.conversationId === regional.conversationId)) {
    try {
      const regionalCard = await requestCardFor(deps, request, 'regional', undefined, chats, shown);
      const activityId = await deps.messenger.send(regional.reference, regionalCard);
      if (activityId) copies.push({ reference: regional.reference, activityId, viewer: 'regional' });
    } catch (error) {
      deps.logger.warn(
        { requestId: request.id, outcome: 'regional_copy_not_sent', error: errorSummary(error) },
        'buddy request',
      );
    }
  }
  await deps.storage.buddyRequests.addCardCopies(request.id, copies);
  return copies.length;
}

/** The personal chat of the lead the directory names for the applicant's region, if any. */
async function regionalLeadChat(deps: BotDeps, request: BuddyRequest) {
  const id = deps.directory.network.regionalNetworks.find(
    (network) => network.region === request.region,
  )?.leadAadObjectId;
  return id ? deps.storage.conversations.findPersonalChat(id) : undefined;
}

/**
 * After a change, every copy of the request's card shows it: the leads' copies and the
 * applicant's own (the copy that was clicked is updated by the invoke reply instead).
 */
export async function refreshCardCopies(
  deps: BotDeps,
  request: BuddyRequest,
  copies: readonly BuddyCardCopy[],
): Promise<void> {
  const [chats, shown] = await Promise.all([leadChats(deps), pairingsShown(deps, request)]);
  const cardFor = (viewer: Viewer) => requestCardFor(deps, request, viewer, undefined, chats, shown);
  const [leadCard, applicantCard, regionalCard] = await Promise.all([
    cardFor('lead'),
    cardFor('applicant'),
    cardFor('regional'),
  ]);
  const cards = { applicant: applicantCard, regional: regionalCard, lead: leadCard };
  await Promise.all(
    copies.map(async (copy) => {
      try {
        await deps.messenger.update(copy.reference, copy.activityId, cards[copy.viewer ?? 'lead']);
      } catch (error) {
        deps.logger.warn(
          { requestId: request.id, outcome: 'lead_card_not_updated', error: errorSummary(error) },
          'buddy request',
        );
      }
    }),
  );
}

/** Tells a person something in their personal chat, if the bot can reach them. */
export async function tell(deps: BotDeps, userId: string, card: ReturnType<typeof answerCard>): Promise<boolean> {
  const chat = await deps.storage.conversations.findPersonalChat(userId);
  if (!chat) return false;
  try {
    await deps.messenger.send(chat.reference, card);
    return true;
  } catch (error) {
    deps.logger.warn({ outcome: 'notice_not_sent', error: errorSummary(error) }, 'buddy notice');
    return false;
  }
}

/**
 * Tells the leads something in their personal chats, except `leaving out` (a lead who is one of a
 * pair is not told what the other said of it). Resolves to how many leads were told.
 */
export async function tellLeads(
  deps: Pick<BotDeps, 'storage' | 'roles' | 'messenger' | 'logger'>,
  card: AdaptiveCardJson,
  leavingOut: readonly string[] = [],
): Promise<number> {
  let told = 0;
  for (const chat of await leadChats(deps, leavingOut)) {
    try {
      await deps.messenger.send(chat.reference, card);
      told += 1;
    } catch (error) {
      deps.logger.warn({ outcome: 'lead_not_told', error: errorSummary(error) }, 'buddy notice');
    }
  }
  return told;
}

/**
 * What the other person of an ended pairing is told: only that it ended (`why`: with whom, or
 * that they left the scheme), and what they can do now.
 */
export function pairingEndedNotice(deps: Pick<BotDeps, 'directory'>, person: BuddyRequest, why: string) {
  const mentee = wantsBuddy(person);
  return answerCard({
    title: 'Your buddy scheme pairing has ended',
    paragraphs: [
      why,
      mentee
        ? 'You can ask for a new buddy whenever you are ready (never the same one again).'
        : 'Your place is free for another buddy.',
    ],
    actions: mentee
      ? [{ title: 'Ask for a new buddy', verb: VERBS.askForNewBuddy, data: { requestId: person.id } }]
      : [],
    asks: [{ title: 'Who is my buddy', intent: 'myBuddy' }],
    source: deps.directory.network.source,
  });
}

export async function tellApplicant(deps: BotDeps, request: BuddyRequest): Promise<void> {
  const { decision } = request;
  const declined = request.status === 'declined';
  const place = request.status === 'approved' ? await placeInQueue(deps.storage, request) : undefined;
  await tell(
    deps,
    request.userId,
    answerCard({
      title: declined ? 'Your buddy scheme request was declined' : 'Your buddy scheme request was approved',
      paragraphs: declined
        ? [
            `${byName(decision)} declined your request.`,
            ...(decision?.reason ? [`Reason: ${escapeCardText(decision.reason, 300)}`] : []),
          ]
        : [
            `${byName(decision)} approved your request.`,
            request.status === 'matched'
              ? 'You have been matched with a buddy: see the introduction.'
              : wantsBuddy(request)
                ? `You are waiting for a buddy${place === undefined ? '' : `: number ${String(place)} in the queue`}. The lead will introduce you as soon as a mentor who fits is free.`
                : 'You will be suggested to the lead for MSOs who ask for a buddy.',
          ],
      source: deps.directory.network.source,
    }),
  );
}

function byName(decision: BuddyRequest['decision']): string {
  return decision ? escapeCardText(decision.byName, 80) : 'The national lead';
}

/** Introduces a matched pair to each other: name, organisation, focus areas and a way to get in touch. */
export async function introduce(deps: BotDeps, mentee: BuddyRequest, mentor: BuddyRequest): Promise<void> {
  const about = (person: BuddyRequest, role: string, contact: string) => {
    const name = escapeCardText(person.name, 80);
    return answerCard({
      title: `Meet your ${role}: ${name}`,
      paragraphs: [`The national MSO network lead has matched you through the buddy scheme. ${contact}`],
      facts: [
        {
          title: 'Organisation',
          value:
            (person.organisationCode && deps.directory.organisations.byCode(person.organisationCode)?.name) ||
            'Not given',
        },
        { title: 'Region', value: deps.directory.reference.region(person.region).name },
        { title: 'Focus areas', value: person.focusAreas.map(focusAreaTitle).join(', ') },
        { title: 'Prefers', value: person.preferredContact === 'teams' ? 'a chat in Teams' : 'email' },
      ],
      links: [
        { title: `Chat with ${person.name} in Teams`, url: teamsChatLink({ name: person.name, email: person.email }) },
        { title: `Email ${person.name}`, url: `mailto:${person.email}` },
      ],
      source: deps.directory.network.source,
    });
  };
  await Promise.all([
    tell(
      deps,
      mentee.userId,
      about(
        mentor,
        'buddy',
        `${escapeCardText(mentor.name, 80)} will get in touch; you are welcome to say hello first.`,
      ),
    ),
    tell(
      deps,
      mentor.userId,
      about(
        mentee,
        'new buddy',
        `Please get in touch with ${escapeCardText(mentee.name, 80)} first, in the way they prefer.`,
      ),
    ),
  ]);
}
