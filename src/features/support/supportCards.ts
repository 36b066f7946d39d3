import { formatFullUkDateTime } from '../../platform/ukDateTime.js';
import { escapeCardParagraphs, escapeCardText } from '../../platform/cards/escapeCardText.js';
import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { Directory } from '../directory/directory.js';
import { VERBS } from '../verbs.js';
import { openedAt, SUPPORT_TOPICS, topicTitle, type SupportRequest, type ThreadEntry } from './supportScheme.js';

export interface AskValues {
  question: string;
  topic: string;
}
export type AskErrors = Partial<Record<keyof AskValues, string>>;

type Colour = 'Default' | 'Good' | 'Attention' | 'Accent' | 'Warning';

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    supportAsk: {
      /** Made when the card is shown, so a double click sends one question. */
      requestId: string;
      intro: string;
      message: string;
      values: AskValues;
      errors: Record<keyof AskValues, string>;
      topics: readonly { title: string; value: string }[];
      verbs: { submit: string };
    };
    supportRequest: {
      requestId: string;
      title: string;
      statusLine: string;
      statusColour: Colour;
      message: string;
      facts: readonly { title: string; value: string }[];
      /** Already escaped. */
      thread: readonly { heading: string; text: string }[];
      footnote: string;
      lead: { takeable: boolean; answerable: boolean };
      asker: { resolvable: boolean; reopenable: boolean };
      /** Teams user ids (MRIs) that refresh the card to their own view: the leads. */
      refreshUserIds: readonly string[];
      verbs: { refresh: string; take: string; answer: string; close: string; resolve: string; reopen: string };
    };
  }
}

registerCardTemplates('support', ['supportAsk', 'supportRequest']);

/** The card that asks the national lead, with what was typed kept and a message at each field to fix. */
export function askCard(requestId: string, values: AskValues, errors: AskErrors = {}): AdaptiveCardJson {
  const problems = Object.keys(errors).length;
  return renderCard('supportAsk', {
    requestId,
    intro:
      'The national MSO network lead at SPS supports MSOs. Your question goes to the lead and deputies, who answer here in this chat.',
    message:
      problems > 0 ? `Please check the ${problems === 1 ? 'field' : `${String(problems)} fields`} marked below.` : '',
    values,
    errors: { question: '', topic: '', ...errors },
    topics: SUPPORT_TOPICS.map((topic) => ({ title: topic.title, value: topic.id })),
    verbs: { submit: VERBS.submitSupportQuestion },
  });
}

/** `other`: someone holding a copy who is neither a lead nor the person who asked (a lead since removed). */
export type SupportViewer = 'lead' | 'asker' | 'other';

export interface SupportCardOptions {
  viewer: SupportViewer;
  /** The viewer's own id, so a lead's card says "taken by you". */
  viewerId?: string;
  leadMris: readonly string[];
  message?: string;
}

const STATUS: Record<SupportRequest['status'], { lead: string; asker: string; colour: Colour }> = {
  open: { lead: 'Open: waiting for an answer', asker: 'With the national lead', colour: 'Accent' },
  answered: { lead: 'Answered', asker: 'Answered: does this answer your question?', colour: 'Good' },
  closed: { lead: 'Closed', asker: 'Closed', colour: 'Default' },
};

/** A support request as each viewer sees it: the leads can act, the person who asked can reply, others read the status. */
export function supportRequestCard(
  directory: Directory,
  request: SupportRequest,
  options: SupportCardOptions,
): AdaptiveCardJson {
  const { viewer } = options;
  const lead = viewer === 'lead';
  const asker = viewer === 'asker';
  const open = request.status === 'open';
  const organisation = request.organisationCode
    ? directory.organisations.byCode(request.organisationCode)?.name
    : undefined;
  const taken = request.takenBy
    ? request.takenBy.id === options.viewerId
      ? 'You'
      : escapeCardText(request.takenBy.name, 80)
    : undefined;
  const facts =
    viewer === 'other'
      ? []
      : [
          { title: 'Reference', value: request.id },
          { title: 'Topic', value: topicTitle(request.topic) },
          ...(lead
            ? [
                { title: 'Asked by', value: escapeCardText(request.name, 80) },
                { title: 'Organisation', value: organisation ?? 'Not saved' },
                {
                  title: 'Region',
                  value: request.region ? directory.reference.region(request.region).name : 'Not saved',
                },
              ]
            : []),
          { title: 'Asked', value: formatFullUkDateTime(request.createdAt) },
          ...(open && taken ? [{ title: 'Taken by', value: taken }] : []),
        ];
  return renderCard('supportRequest', {
    requestId: request.id,
    title: lead ? `Question from ${escapeCardText(request.name, 80)}` : `Your question to the national lead`,
    statusLine: lead || viewer === 'other' ? STATUS[request.status].lead : askerStatus(request),
    statusColour: STATUS[request.status].colour,
    message: options.message ?? '',
    facts,
    thread: viewer === 'other' ? [] : request.thread.map((entry) => threadItem(entry, viewer)),
    footnote: asker
      ? request.status === 'open'
        ? 'The national lead is not an urgent route: for anything urgent, follow your organisation’s own process.'
        : ''
      : lead && open
        ? 'Answer here and the person gets it in their chat with the bot. Close without answer if it is for someone else.'
        : '',
    lead: { takeable: lead && open && request.takenBy?.id !== options.viewerId, answerable: lead && open },
    asker: { resolvable: asker && request.status === 'answered', reopenable: asker && !open },
    refreshUserIds: options.leadMris,
    verbs: {
      refresh: VERBS.refreshSupportRequest,
      take: VERBS.takeSupportRequest,
      answer: VERBS.answerSupportRequest,
      close: VERBS.closeSupportRequest,
      resolve: VERBS.resolveSupportRequest,
      reopen: VERBS.reopenSupportRequest,
    },
  });
}

/** A line of the leads' lists (open questions, the digest), oldest first: reference -> who, topic, since when. */
export function waitingFacts(requests: readonly SupportRequest[]): { title: string; value: string }[] {
  return [...requests]
    .sort((a, b) => openedAt(a).localeCompare(openedAt(b)))
    .map((request) => ({
      title: request.id,
      value: `${escapeCardText(request.name, 80)}, ${topicTitle(request.topic)}, open since ${formatFullUkDateTime(openedAt(request))}`,
    }));
}

function askerStatus(request: SupportRequest): string {
  if (request.status !== 'closed') return STATUS[request.status].asker;
  return request.thread.at(-1)?.kind === 'resolved' ? 'Closed: you said this answered it' : 'Closed by the lead';
}

function threadItem(entry: ThreadEntry, viewer: SupportViewer): { heading: string; text: string } {
  const when = formatFullUkDateTime(entry.at);
  const who = escapeCardText(entry.byName, 80);
  const heading = {
    question: viewer === 'asker' ? `You asked, ${when}` : `${who} asked, ${when}`,
    followUp: viewer === 'asker' ? `You replied, ${when}` : `${who} replied, ${when}`,
    answer: `${who} answered, ${when}`,
    closed: `${who} closed it without an answer, ${when}`,
    resolved: viewer === 'asker' ? `You said this answered it, ${when}` : `${who} said this answered it, ${when}`,
  }[entry.kind];
  return { heading, text: entry.text ? escapeCardParagraphs(entry.text) : '' };
}
