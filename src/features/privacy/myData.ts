import { randomBytes } from 'node:crypto';
import { focusAreaTitle, WAY_IN_TITLES, wantsBuddy, type BuddyRequest } from '../buddy/buddyScheme.js';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { errorSummary } from '../../platform/errorSummary.js';
import type { StoredBuddyRequest } from '../buddy/buddyRequests.js';
import { toTableKey } from '../../platform/storage/tableKeys.js';
import { formatUkDateTime } from '../webinar/index.js';
import type { BotDeps } from '../botDeps.js';
import { answerCard } from '../answerCard.js';
import { tell } from '../buddy/buddyNotices.js';
import { VERBS } from '../verbs.js';

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    myData: {
      intro: string;
      sections: readonly { heading: string; facts: readonly { title: string; value: string }[] }[];
      verbs: { askQuestion: string };
    };
  }
}

registerCardTemplates('privacy', ['myData']);

/** Who is asking: their Entra object id (what the bot keys records on) and their Teams id. */
export interface Person {
  userId: string;
  teamsId: string;
}

/** "what do you hold about me": every record, on one card. Text the person typed is escaped. */
export async function myDataCard(deps: BotDeps, userId: string): Promise<AdaptiveCardJson> {
  const { storage, directory } = deps;
  const [profile, chat, requests] = await Promise.all([
    storage.profiles.get(userId),
    storage.conversations.findPersonalChat(userId),
    storage.buddyRequests.list({ userId }),
  ]);
  const subscription = chat && (await storage.subscriptions.get(chat.conversationId));
  const partners = await partnersOf(deps, requests);
  const audit = await storage.audit.latest(1000, new Set([userId, ...requests.map((stored) => stored.request.id)]));
  const organisation = profile?.organisationCode
    ? directory.organisations.byCode(profile.organisationCode)?.name
    : undefined;

  const sections = [
    {
      heading: 'Where you work',
      facts: profile
        ? [
            { title: 'Region', value: directory.reference.region(profile.region).name },
            ...(organisation ? [{ title: 'Organisation', value: organisation }] : []),
            { title: 'Saved', value: formatUkDateTime(profile.updatedAt) },
          ]
        : [],
    },
    {
      heading: 'Your chat with the bot',
      facts: chat
        ? [
            { title: 'Installed', value: formatUkDateTime(chat.installedAt) },
            {
              title: 'Kept',
              value: 'the chat\u2019s address, your Entra object id and tenant, so the bot can write to you',
            },
            {
              title: 'Webinar reminders',
              value: !subscription
                ? 'off'
                : subscription.unreachable
                  ? 'stopped: the bot could not reach you'
                  : subscription.active
                    ? 'on'
                    : 'off',
            },
          ]
        : [],
    },
    ...requests.map(({ request }) => ({
      heading: `Buddy scheme: ${WAY_IN_TITLES[request.wayIn].toLowerCase()}`,
      facts: [
        { title: 'Status', value: `${request.status}, since ${formatUkDateTime(request.updatedAt)}` },
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
                value: `${request.decision.reason ? 'with a reason' : 'by the lead'}, ${formatUkDateTime(request.decision.at)}`,
              },
            ]
          : []),
        ...(partners.get(request.id) ?? []).map((name) => ({
          title: wantsBuddy(request) ? 'Your buddy' : 'Your buddy (mentee)',
          value: name,
        })),
      ],
    })),
    {
      heading: 'Audit entries naming you',
      facts: audit.slice(0, 10).map((entry) => ({ title: formatUkDateTime(entry.at), value: entry.action })),
    },
  ];
  return renderCard('myData', {
    intro:
      'Everything the MSO Network bot keeps about you, from its tables. The leads also see your buddy scheme request in their chats. Type "delete my data" to erase it all.',
    sections,
    verbs: { askQuestion: VERBS.askQuestion },
  });
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

/** "delete my data": what will go, and a button whose id is made now, so a double click erases once. */
export function eraseConfirmCard(done?: string): AdaptiveCardJson {
  return renderCard('confirm', {
    title: done ? 'Your data has been deleted' : 'Delete everything the bot holds about you?',
    paragraphs: done
      ? [done]
      : [
          'This erases where you work, your chat\u2019s record and reminder setting, and your buddy scheme requests. An open request is withdrawn; a buddy you are paired with is told only that the pairing has ended.',
          'The audit table keeps that something was done and when, with your ids replaced by a code that leads nowhere. This cannot be undone.',
        ],
    facts: [],
    confirmable: done === undefined,
    confirmTitle: 'Delete my data',
    confirmStyle: 'destructive',
    verb: VERBS.eraseMyData,
    data: {},
  });
}

export interface Erasure {
  pseudonym: string;
  requests: number;
  partnersTold: number;
}

/**
 * Erases the person: requests (open ones withdrawn from the leads' cards; matched buddies told
 * the pairing ended and freed), profile, personal chat, subscription, outbox rows, and their
 * ids wherever they appear in other records (audit, settings, references), which get a
 * pseudonym. Leaves one audit entry under that pseudonym.
 */
export async function eraseMyData(deps: BotDeps, person: Person, now = new Date()): Promise<Erasure> {
  const { storage } = deps;
  const pseudonym = `erased-${randomBytes(6).toString('hex')}`;
  const requests = await storage.buddyRequests.list({ userId: person.userId });
  let partnersTold = 0;
  for (const stored of requests) {
    partnersTold += await endPairings(deps, stored.request, now);
    await withdrawCardCopies(deps, stored);
    await storage.buddyRequests.remove(stored.request.id);
  }
  const chat = await storage.conversations.findPersonalChat(person.userId);
  const conversationIds = chat ? [chat.conversationId] : [];
  const ids = [
    person.userId,
    person.teamsId,
    toTableKey(person.userId),
    ...requests.map((stored) => stored.request.id),
    ...conversationIds,
  ];
  await storage.profiles.remove(person.userId);
  await Promise.all(conversationIds.map((id) => storage.subscriptions.remove(id)));
  await storage.broadcasts.forgetPerson(person.userId, conversationIds, pseudonym);
  await storage.conversations.forgetPerson(ids);
  await storage.buddyRequests.forgetPerson(new Set(ids), pseudonym);
  await storage.buddyRequests.forgetPersonToken(person.userId);
  await storage.webinarSettings.forgetEditor(person.userId, pseudonym);
  await storage.audit.pseudonymise(new Set(ids), pseudonym);
  await storage.audit.record({
    at: now.toISOString(),
    actor: pseudonym,
    action: 'data.erase',
    subject: pseudonym,
    related: undefined,
  });
  deps.logger.info({ outcome: 'erased', requests: requests.length, partnersTold }, 'personal data erased');
  return { pseudonym, requests: requests.length, partnersTold };
}

/** Each buddy of this request loses the pairing: told only that, freed (a mentor's place back; a mentee back to "needs a buddy"). */
async function endPairings(deps: BotDeps, request: BuddyRequest, now: Date): Promise<number> {
  let told = 0;
  for (const partnerId of request.pairedWith) {
    for (let attempt = 0; ; attempt += 1) {
      if (attempt >= 10) throw new Error('A buddy\u2019s request kept changing while the pairing was being ended');
      const partner = await deps.storage.buddyRequests.get(partnerId);
      if (!partner) break;
      const pairedWith = partner.request.pairedWith.filter((id) => id !== request.id);
      const freed: BuddyRequest = {
        ...partner.request,
        pairedWith,
        updatedAt: now.toISOString(),
        ...(partner.request.wayIn === 'mentor'
          ? { capacityLeft: Math.min(partner.request.capacity ?? 0, partner.request.capacityLeft + 1) }
          : partner.request.status === 'matched'
            ? { status: 'approved' as const }
            : {}),
      };
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
          facts: [],
          links: [],
          asks: [{ title: 'My buddy request', intent: 'buddyStatus' }],
          source: deps.directory.network.source,
          note: undefined,
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
    facts: [],
    links: [],
    asks: [],
    source: deps.directory.network.source,
    note: undefined,
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
