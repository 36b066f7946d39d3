import { formatFullUkDateTime } from '../../platform/ukDateTime.js';
import { answerCard } from '../answerCard.js';
import type { IntentHandler } from '../feature.js';
import { isLead } from '../leads/isLead.js';
import { leadChats } from '../leads/leadChats.js';
import { leadsOnlyAnswer } from '../leads/leadsOnly.js';
import type { Intent } from '../questions/intents.js';
import { questionFromMessage } from './askForm.js';
import { askCard, waitingFacts } from './supportCards.js';
import { supportCardFor } from './supportNotices.js';
import { newSupportId, openedAt, topicTitle, type SupportRequest } from './supportScheme.js';

/** At most this many question cards in one reply. */
const MAX_CARDS = 10;

const STATUS_WORDS: Record<SupportRequest['status'], string> = {
  open: 'with the national lead',
  answered: 'answered',
  closed: 'closed',
};

/** Asking the national lead, and following what was asked. */
export const supportIntents = {
  askLead: (_deps, _userId, question) =>
    Promise.resolve(askCard(newSupportId(), { question: questionFromMessage(question.text), topic: '' })),
  myQuestions: async (deps, userId) => {
    const mine = (await deps.storage.supportRequests.list({ userId })).reverse();
    const { source } = deps.directory.network;
    if (mine.length === 0)
      return answerCard({
        title: 'You have not asked the national lead anything',
        paragraphs: ['Questions you send to the national MSO network lead from here are listed, with their answers.'],
        asks: [{ title: 'Ask the national lead', intent: 'askLead' }],
        source,
      });
    const list = answerCard({
      title: 'Your questions to the national lead',
      paragraphs: ['Newest first. The ones still open or answered follow, so you can reply to them.'],
      facts: mine.map(({ request }) => ({
        title: request.id,
        value: `${topicTitle(request.topic)}: ${STATUS_WORDS[request.status]} (asked ${formatFullUkDateTime(request.createdAt)})`,
      })),
      asks: [{ title: 'Ask the national lead', intent: 'askLead' }],
      source,
    });
    const active = mine.filter(({ request }) => request.status !== 'closed').slice(0, MAX_CARDS - 1);
    const chats = await leadChats(deps);
    return [list, ...active.map(({ request }) => supportCardFor(deps, request, 'asker', chats))];
  },
  openQuestions: async (deps, userId) => {
    if (!(await isLead(deps, userId))) return answerCard(leadsOnlyAnswer(deps.directory.network, 'Open questions'));
    const open = (await deps.storage.supportRequests.list({ status: 'open' })).sort((a, b) =>
      openedAt(a.request).localeCompare(openedAt(b.request)),
    );
    if (open.length === 0)
      return answerCard({
        ...leadsOnlyAnswer(deps.directory.network, 'Open questions'),
        paragraphs: ['Nothing is waiting: every question has been answered or closed.'],
        links: [],
      });
    const chats = await leadChats(deps);
    const heading = answerCard({
      title: `${String(open.length)} open ${open.length === 1 ? 'question' : 'questions'}, oldest first`,
      paragraphs:
        open.length > MAX_CARDS ? [`The oldest ${String(MAX_CARDS)} follow; answer them to see the rest.`] : [],
      facts: waitingFacts(open.map(({ request }) => request)),
      source: deps.directory.network.source,
    });
    const cards = open
      .slice(0, MAX_CARDS)
      .map(({ request }) => supportCardFor(deps, request, 'lead', chats, { viewerId: userId }));
    return [heading, ...cards];
  },
} satisfies Partial<Record<Intent, IntentHandler>>;
