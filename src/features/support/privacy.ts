import { formatFullUkDateTime } from '../../platform/ukDateTime.js';
import { escapeCardParagraphs } from '../../platform/cards/escapeCardText.js';
import { errorSummary } from '../../platform/errorSummary.js';
import type { Storage } from '../../storage.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import type { DataSection, ErasureRequest } from '../feature.js';
import { topicTitle } from './supportScheme.js';
import { ukDay } from './workingDays.js';

/** The person's question references: audit entries name questions, not people. */
export async function supportAliases(deps: BotDeps, userId: string): Promise<string[]> {
  return (await deps.storage.supportRequests.list({ userId })).map((stored) => stored.request.id);
}

/** One section per question the person asked: the whole thread, as typed (escaped). */
export async function supportData(deps: BotDeps, userId: string): Promise<DataSection[]> {
  return (await deps.storage.supportRequests.list({ userId })).map(({ request }) => ({
    heading: `Your question to the national lead, ${request.id}`,
    facts: [
      { title: 'Status', value: `${request.status}, since ${formatFullUkDateTime(request.updatedAt)}` },
      { title: 'Topic', value: topicTitle(request.topic) },
      ...request.thread
        .filter((entry) => entry.text)
        .map((entry) => ({
          title: `${entry.kind === 'question' ? 'You asked' : entry.kind === 'followUp' ? 'You replied' : entry.kind === 'answer' ? 'Answer' : 'Closed'}, ${formatFullUkDateTime(entry.at)}`,
          value: escapeCardParagraphs(entry.text, 500),
        })),
    ],
  }));
}

/**
 * Erasure: every copy of the person's question cards (the leads' too) says it was erased at
 * their request, and the questions go. A lead's answers in other people's questions stay, under
 * "A lead", and a lead's record of which digests they got goes. Nobody else is told, so it resolves to 0.
 */
export async function eraseSupportData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  const { supportRequests } = deps.storage;
  const erased = answerCard({
    title: 'Question erased',
    paragraphs: ['Erased at the person’s request: this question and its details have been deleted.'],
    source: deps.directory.network.source,
  });
  for (const stored of await supportRequests.list({ userId: person.userId })) {
    await Promise.all(
      stored.cardCopies.map(async (copy) => {
        try {
          await deps.messenger.update(copy.reference, copy.activityId, erased);
        } catch (error) {
          deps.logger.warn({ outcome: 'erased_card_not_updated', error: errorSummary(error) }, 'personal data erased');
        }
      }),
    );
    await supportRequests.remove(stored.request.id);
  }
  await supportRequests.forgetPerson(person.ids, person.pseudonym, person.chatId);
  await supportRequests.forgetDigestsOf(person.ids);
  return 0;
}

/** Retention: questions closed before the cutoff, and the record of which digests went before it. */
export async function removeOldSupportRequests(storage: Storage, cutoff: Date): Promise<Record<string, number>> {
  await storage.supportRequests.forgetDigestsBefore(ukDay(cutoff));
  let supportRequests = 0;
  for (const stored of await storage.supportRequests.list({ status: 'closed' })) {
    if (Date.parse(stored.request.updatedAt) >= cutoff.getTime()) continue;
    await storage.supportRequests.remove(stored.request.id);
    supportRequests += 1;
  }
  return { supportRequests };
}
