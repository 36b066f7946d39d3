import { randomBytes } from 'node:crypto';
import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { BotDeps } from '../botDeps.js';
import type { DataSection, ErasureRequest } from '../feature.js';
import type { Person } from '../request.js';
import { VERBS } from '../verbs.js';
import { toTableKey } from '../../platform/storage/tableKeys.js';
import { auditNames } from './auditNames.js';
import { describeAuditEntry } from './describeAuditEntry.js';

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    myData: {
      intro: string;
      sections: readonly DataSection[];
      verbs: { askQuestion: string };
    };
  }
}

registerCardTemplates('privacy', ['myData']);

/** Every id a person is known by: their own, and the ids each feature knows them by (their chat, their requests). */
async function idsOf(deps: BotDeps, userId: string): Promise<string[]> {
  const aliases = await Promise.all(
    deps.features.map((feature) => feature.aliases?.(deps, userId) ?? Promise.resolve([])),
  );
  return [userId, ...aliases.flat()];
}

/** "what do you hold about me": every feature's records about the person, on one card. */
export async function myDataCard(deps: BotDeps, userId: string): Promise<AdaptiveCardJson> {
  const sections = await Promise.all(
    deps.features.map((feature) => feature.myData?.(deps, userId) ?? Promise.resolve([])),
  );
  return renderCard('myData', {
    intro:
      'Everything the MSO Network bot keeps about you, from its tables. The leads also see your buddy scheme request in their chats. Type "delete my data" to erase it all.',
    sections: sections.flat(),
    verbs: { askQuestion: VERBS.askQuestion },
  });
}

/** How many of the person's audit entries their data card shows, newest first. */
const AUDIT_ENTRIES_SHOWN = 10;

/** Privacy's own part of the card: the audit entries that name the person or their records, in the audit log's words. */
export async function auditData(deps: BotDeps, userId: string): Promise<DataSection[]> {
  const you = new Set(await idsOf(deps, userId));
  const entries = await deps.storage.audit.latest(AUDIT_ENTRIES_SHOWN, you);
  const names = await auditNames(deps, entries, you);
  return [
    {
      heading: 'Audit entries naming you',
      facts: entries
        .map((entry) => describeAuditEntry(entry, names))
        .map(({ when, what }) => ({ title: when, value: what })),
    },
  ];
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
  partnersTold: number;
}

/**
 * Erases the person: each feature, in the order app.ts lists them, removes what it holds about
 * them and puts a pseudonym in their place where a record must stay (another person's request,
 * the audit table). Leaves one audit entry under that pseudonym.
 */
export async function eraseMyData(deps: BotDeps, person: Person, now = new Date()): Promise<Erasure> {
  const chat = await deps.storage.conversations.findPersonalChat(person.id);
  const request: ErasureRequest = {
    ids: new Set([...(await idsOf(deps, person.id)), person.teamsId, toTableKey(person.id)]),
    userId: person.id,
    chatId: chat?.conversationId,
    pseudonym: `erased-${randomBytes(6).toString('hex')}`,
    now,
  };
  let partnersTold = 0;
  for (const feature of deps.features) partnersTold += (await feature.erase?.(deps, request)) ?? 0;
  deps.logger.info({ outcome: 'erased', partnersTold }, 'personal data erased');
  return { pseudonym: request.pseudonym, partnersTold };
}

/** Privacy's own part of erasure, last: the audit entries keep their shape with the pseudonym, and one entry records it. */
export async function eraseAuditData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  await deps.storage.audit.pseudonymise(person.ids, person.pseudonym);
  await deps.storage.audit.record({
    at: person.now.toISOString(),
    actor: person.pseudonym,
    action: 'data.erase',
    subject: person.pseudonym,
    related: undefined,
  });
  return 0;
}
