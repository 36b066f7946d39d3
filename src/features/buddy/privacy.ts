import { formatFullUkDateTime } from '../../platform/ukDateTime.js';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { errorSummary } from '../../platform/errorSummary.js';
import type { Storage } from '../../storage.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import type { DataSection, ErasureRequest } from '../feature.js';
import type { StoredBuddyRequest } from './buddyRequests.js';
import { focusAreaTitle, WAY_IN_TITLES, wantsBuddy, type BuddyRequest } from './buddyScheme.js';
import { tell } from './buddyNotices.js';
import { unpair } from './decisions.js';

/** The person's buddy request ids: audit entries name requests, not people. */
export async function buddyAliases(deps: BotDeps, userId: string): Promise<string[]> {
  return (await deps.storage.buddyRequests.list({ userId })).map((stored) => stored.request.id);
}

/** One section per request: every field, the decision, and the buddies' names. Text the person typed is escaped. */
export async function buddyData(deps: BotDeps, userId: string): Promise<DataSection[]> {
  const { directory } = deps;
  const requests = await deps.storage.buddyRequests.list({ userId });
  const partners = await partnersOf(deps, requests);
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
        ...(partners.get(request.id) ?? []).map((name) => ({
          title: wantsBuddy(request) ? 'Your buddy' : 'Your buddy (mentee)',
          value: name,
        })),
      ],
    })),
  ];
}

async function partnersOf(deps: BotDeps, requests: readonly StoredBuddyRequest[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  for (const { request } of requests) {
    const partners = await Promise.all(request.pairedWith.map((id) => deps.storage.buddyRequests.get(id)));
    names.set(
      request.id,
      partners.filter((partner) => partner !== undefined).map((partner) => escapeCardText(partner.request.name, 80)),
    );
  }
  return names;
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
    told += await endPairings(deps, stored.request, person.now);
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

/** Each buddy of this request loses the pairing: told only that, freed (a mentor's place back; a mentee back to "needs a buddy"). */
async function endPairings(deps: BotDeps, request: BuddyRequest, now: Date): Promise<number> {
  let told = 0;
  for (const partnerId of request.pairedWith) {
    for (let attempt = 0; ; attempt += 1) {
      if (attempt >= 10) throw new Error('A buddy\u2019s request kept changing while the pairing was being ended');
      const partner = await deps.storage.buddyRequests.get(partnerId);
      if (!partner) break;
      const freed = unpair(partner.request, request.id, now);
      if (!(await deps.storage.buddyRequests.replace(freed, partner.etag, partner.cardCopies))) continue;
      const sent = await tell(
        deps,
        partner.request.userId,
        answerCard({
          title: 'Your buddy scheme pairing has ended',
          paragraphs: [
            'The other person in your pairing has left the buddy scheme.',
            wantsBuddy(partner.request)
              ? 'The national MSO network lead can match you with someone else.'
              : 'Your place is free for another buddy.',
          ],
          asks: [{ title: 'My buddy request', intent: 'buddyStatus' }],
          source: deps.directory.network.source,
        }),
      );
      if (sent) told += 1;
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
