import { formatFullUkDateTime, formatUkDate } from '../../platform/ukDateTime.js';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { errorSummary } from '../../platform/errorSummary.js';
import type { Storage } from '../../storage.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import type { DataSection, ErasureRequest } from '../feature.js';
import type { StoredBuddyRequest } from './buddyRequests.js';
import { focusAreaTitle, WAY_IN_TITLES, wantsBuddy, type BuddyRequest } from './buddyScheme.js';
import { pairingEndedNotice, tell } from './buddyNotices.js';
import { endPairing } from './decisions.js';
import { CHECK_IN_ANSWER_TITLES, pairingsOf } from './pairings.js';
import { pairsOfRequest } from './buddyPairs.js';
import { settle } from '../../platform/settle.js';
import { offerFreedMentor } from './mentorFreed.js';

/** The person's buddy request ids: audit entries name requests, not people. */
export async function buddyAliases(deps: BotDeps, userId: string): Promise<string[]> {
  return (await deps.storage.buddyRequests.list({ userId })).map((stored) => stored.request.id);
}

/** One section per request: every field, the decision, the pairings and the person's check-in answers. Text the person typed is escaped. */
export async function buddyData(deps: BotDeps, userId: string): Promise<DataSection[]> {
  const { directory } = deps;
  const requests = await deps.storage.buddyRequests.list({ userId });
  const all = requests.some(({ request }) => request.wayIn === 'mentor')
    ? (await deps.storage.buddyRequests.list()).map((stored) => stored.request)
    : [];
  const byId = new Map(all.map((request) => [request.id, request]));
  return [
    ...requests.map(({ request }) => ({
      heading: `Your buddy scheme request: "${WAY_IN_TITLES[request.wayIn]}"`,
      facts: [
        { title: 'Status', value: `${request.status}, since ${formatFullUkDateTime(request.updatedAt)}` },
        { title: 'Name', value: escapeCardText(request.name, 80) },
        { title: 'Region', value: directory.reference.region(request.region).name },
        { title: 'Months as an MSO', value: String(request.monthsInRole) },
        { title: 'Focus areas', value: request.focusAreas.map(focusAreaTitle).join(', ') },
        ...(request.capacity === undefined
          ? []
          : [
              {
                title: 'Buddies you can take',
                value: `${String(request.capacity)} (${String(request.capacityLeft)} left)`,
              },
            ]),
        {
          title: 'Contact',
          value: `${request.preferredContact === 'teams' ? 'Teams' : 'email'}, ${escapeCardText(request.email, 200)}`,
        },
        ...(request.note ? [{ title: 'Your note', value: escapeCardText(request.note, 500) }] : []),
        ...(request.decision
          ? [
              {
                title: 'Decided',
                value: `${request.decision.reason ? 'with a reason' : 'by the lead'}, ${formatFullUkDateTime(request.decision.at)}`,
              },
            ]
          : []),
        ...(request.waitingSince && request.status === 'approved'
          ? [{ title: 'Waiting for a buddy since', value: formatFullUkDateTime(request.waitingSince) }]
          : []),
        ...(request.paused ? [{ title: 'Mentoring', value: 'paused' }] : []),
        ...pairingFacts(request, wantsBuddy(request) ? [request] : all, byId),
      ],
    })),
  ];
}

/**
 * The person's pairings on this request (a mentee's own, or the mentees' pairings with this
 * mentor): when each started and ended, and their own check-in answers and notes.
 */
function pairingFacts(
  request: BuddyRequest,
  mentees: readonly BuddyRequest[],
  byId: ReadonlyMap<string, BuddyRequest>,
): { title: string; value: string }[] {
  const side = wantsBuddy(request) ? 'mentee' : 'mentor';
  return mentees.flatMap((mentee) =>
    pairingsOf(mentee)
      .filter((pairing) => side === 'mentee' || pairing.mentorRequestId === request.id)
      .flatMap((pairing) => {
        const other = side === 'mentee' ? byId.get(pairing.mentorRequestId) : mentee;
        const period = `from ${formatUkDate(pairing.startedAt)}${pairing.ended ? ` to ${formatUkDate(pairing.ended.at)}` : ''}`;
        return [
          { title: 'Pairing', value: `${other ? `with ${escapeCardText(other.name, 80)} ` : ''}${period}` },
          ...pairing.checkIns.flatMap((checkIn) => {
            const given = checkIn.answers[side];
            return given
              ? [
                  {
                    title: `Your ${String(checkIn.week)}-week check-in`,
                    value: `${CHECK_IN_ANSWER_TITLES[given.answer]}${given.note ? `; your note: ${escapeCardText(given.note, 500)}` : ''}`,
                  },
                ]
              : [];
          }),
        ];
      }),
  );
}

/**
 * Erasure: each pairing ends (the buddy is told only that, and freed), every copy of the
 * person's request cards loses its details, the requests go, other requests lose the person's
 * ids, and so does the token their request ids were made from. Returns how many buddies were told.
 */
export async function eraseBuddyData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  const { buddyRequests } = deps.storage;
  let told = 0;
  for (const stored of await buddyRequests.list({ userId: person.userId })) {
    told += await endPairings(deps, stored.request, person);
    await withdrawCardCopies(deps, stored);
    await buddyRequests.remove(stored.request.id);
  }
  await buddyRequests.forgetPerson(person.ids, person.pseudonym);
  await buddyRequests.forgetPersonToken(person.userId);
  return told;
}

/** Retention: declined and withdrawn requests older than the cutoff. */
export async function removeOldBuddyRequests(storage: Storage, cutoff: Date): Promise<Record<string, number>> {
  let buddyRequests = 0;
  for (const status of ['declined', 'withdrawn'] as const) {
    for (const stored of await storage.buddyRequests.list({ status })) {
      if (Date.parse(stored.request.updatedAt) >= cutoff.getTime()) continue;
      await storage.buddyRequests.remove(stored.request.id);
      buddyRequests += 1;
    }
  }
  return { buddyRequests };
}

/**
 * Each current pairing of this request ends: the buddy is told only that it ended, a mentor gets
 * the place back, a mentee may ask for a new buddy. Past pairings are left to `forgetPerson`.
 */
async function endPairings(deps: BotDeps, request: BuddyRequest, person: ErasureRequest): Promise<number> {
  let told = 0;
  for (const pair of await pairsOfRequest(deps.storage, request)) {
    const partnerId = pair.mentee.id === request.id ? pair.mentor.id : pair.mentee.id;
    for (let attempt = 0; ; attempt += 1) {
      if (attempt >= 10) throw new Error('A buddy\u2019s request kept changing while the pairing was being ended');
      const partner = await deps.storage.buddyRequests.get(partnerId);
      if (!partner) break;
      const leaving = request.id === pair.mentee.id;
      const ending = { by: leaving ? ('mentee' as const) : ('mentor' as const), actorId: person.pseudonym, reason: '' };
      const ended = leaving
        ? endPairing(request, partner.request, ending, person.now)?.mentor
        : endPairing(partner.request, request, ending, person.now)?.mentee;
      if (!ended) break;
      if (!(await deps.storage.buddyRequests.replace(ended, partner.etag, partner.cardCopies))) continue;
      const sent = await tell(
        deps,
        partner.request.userId,
        pairingEndedNotice(deps, partner.request, 'The other person in your pairing has left the buddy scheme.'),
      );
      if (sent) told += 1;
      // The mentor's place is free: whoever waits is offered to the leads (the erasure goes on if that fails).
      if (leaving) await settle(deps.logger, {}, 'buddy offer', () => offerFreedMentor(deps, ended));
      break;
    }
  }
  return told;
}

/** The leads' copies (and the person's own) of the request's card lose its details. */
async function withdrawCardCopies(deps: BotDeps, stored: StoredBuddyRequest): Promise<void> {
  const card = answerCard({
    title: 'Buddy scheme request withdrawn',
    paragraphs: ['The person asked for their data to be deleted, so this request and its details have been erased.'],
    source: deps.directory.network.source,
  });
  await Promise.all(
    stored.cardCopies.map(async (copy) => {
      try {
        await deps.messenger.update(copy.reference, copy.activityId, card);
      } catch (error) {
        deps.logger.warn({ outcome: 'erased_card_not_updated', error: errorSummary(error) }, 'personal data erased');
      }
    }),
  );
}
