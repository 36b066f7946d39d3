import { randomInt } from 'node:crypto';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import type { RegionCode } from '../directory/referenceData.js';

/** What a question is about, chosen by the person asking; the leads see it on the ticket card. */
export const SUPPORT_TOPICS = [
  { id: 'reporting', title: 'Incident reporting' },
  { id: 'safetyAlerts', title: 'Safety alerts' },
  { id: 'buddy', title: 'The buddy scheme' },
  { id: 'network', title: 'The MSO network' },
  { id: 'webinar', title: 'The webinar' },
  { id: 'other', title: 'Something else' },
] as const;
export type SupportTopic = (typeof SUPPORT_TOPICS)[number]['id'];
export const SUPPORT_TOPIC_IDS = SUPPORT_TOPICS.map((topic) => topic.id) as [SupportTopic, ...SupportTopic[]];

export function topicTitle(id: SupportTopic): string {
  return SUPPORT_TOPICS.find((topic) => topic.id === id)?.title ?? id;
}

/** open -> answered -> closed; "I still need help" reopens an answered or closed request. */
export const SUPPORT_STATUSES = ['open', 'answered', 'closed'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/** The longest question, answer or follow-up (the card's input has the same limit). */
export const SUPPORT_TEXT_MAX = 2000;
/** A request holds at most this many messages (each up to 2,000 characters, within a table row's limit). */
export const THREAD_MAX = 20;
/** The longest reason for closing without an answer. */
export const CLOSE_REASON_MAX = 500;

/** Who did something to a request: a lead, or the person who asked. */
export interface Actor {
  id: string;
  name: string;
}

/** One message in a request's thread: the question, a lead's answer, a follow-up, a closing note. */
export interface ThreadEntry {
  kind: 'question' | 'answer' | 'followUp' | 'closed' | 'resolved';
  /** Typed by a person: escaped wherever it is shown. Empty for `resolved`. */
  text: string;
  by: string;
  byName: string;
  at: string;
}

/** A question for the national lead, tracked until the person says it is answered. */
export interface SupportRequest {
  /** Also the reference the person is given, such as `Q-7KD3PX`. */
  id: string;
  userId: string;
  name: string;
  organisationCode: string | undefined;
  region: RegionCode | undefined;
  topic: SupportTopic;
  status: SupportStatus;
  /** The lead who took it, if one did; shown to the other leads. */
  takenBy: (Actor & { at: string }) | undefined;
  thread: ThreadEntry[];
  createdAt: string;
  updatedAt: string;
}

/** Letters and digits nobody misreads (no 0/O, 1/I/L). */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** What a reference looks like; anything else is refused before it reaches storage. */
export const SUPPORT_ID_PATTERN = /^Q-[2-9A-HJKMNP-Z]{6}$/;

/** A new reference: 31^6 (about 900 million) choices, so two at once practically never collide (and a collision is retried). */
export function newSupportId(): string {
  const letters = Array.from({ length: 6 }, () => REFERENCE_ALPHABET.charAt(randomInt(REFERENCE_ALPHABET.length)));
  return `Q-${letters.join('')}`;
}

export function newSupportRequest(
  fields: Pick<SupportRequest, 'id' | 'userId' | 'name' | 'organisationCode' | 'region' | 'topic'> & {
    question: string;
  },
  at: Date,
): SupportRequest {
  const { question, ...rest } = fields;
  const now = at.toISOString();
  return {
    ...rest,
    status: 'open',
    takenBy: undefined,
    thread: [{ kind: 'question', text: question, by: fields.userId, byName: fields.name, at: now }],
    createdAt: now,
    updatedAt: now,
  };
}

/** What somebody asked to do to a request. */
export type SupportChange =
  | { kind: 'take'; lead: Actor }
  | { kind: 'answer'; lead: Actor; text: string }
  | { kind: 'close'; lead: Actor; reason: string }
  | { kind: 'resolve'; asker: Actor }
  | { kind: 'reopen'; asker: Actor; text: string };

export type SupportOutcome =
  | { kind: 'changed'; request: SupportRequest }
  /** Nothing changed: it was already so (taken by this lead, resolved). */
  | { kind: 'unchanged'; request: SupportRequest }
  /** Not possible in the request's state; the message says why, naming who got there first. */
  | { kind: 'refused'; message: string };

/** The state machine: what each change does from each status. Pure; the caller stores the result on its ETag. */
export function changeSupportRequest(request: SupportRequest, change: SupportChange, at: Date): SupportOutcome {
  const now = at.toISOString();
  const entry = (kind: ThreadEntry['kind'], actor: Actor, text = ''): ThreadEntry => ({
    kind,
    text,
    by: actor.id,
    byName: actor.name,
    at: now,
  });
  const changed = (fields: Partial<SupportRequest>): SupportOutcome => ({
    kind: 'changed',
    request: { ...request, ...fields, updatedAt: now },
  });
  switch (change.kind) {
    case 'take':
      if (request.status !== 'open') return { kind: 'refused', message: alreadyDone(request) };
      if (request.takenBy?.id === change.lead.id) return { kind: 'unchanged', request };
      return changed({ takenBy: { ...change.lead, at: now } });
    case 'answer':
      if (request.status !== 'open') return { kind: 'refused', message: alreadyDone(request) };
      return changed({
        status: 'answered',
        takenBy: request.takenBy ?? { ...change.lead, at: now },
        thread: [...request.thread, entry('answer', change.lead, change.text)],
      });
    case 'close':
      if (request.status !== 'open') return { kind: 'refused', message: alreadyDone(request) };
      return changed({ status: 'closed', thread: [...request.thread, entry('closed', change.lead, change.reason)] });
    case 'resolve':
      if (request.status === 'closed') return { kind: 'unchanged', request };
      if (request.status === 'open')
        return { kind: 'refused', message: 'This question is open again: the leads are looking at your follow-up.' };
      return changed({ status: 'closed', thread: [...request.thread, entry('resolved', change.asker)] });
    case 'reopen':
      if (request.thread.length >= THREAD_MAX)
        return {
          kind: 'refused',
          message: 'This question has had many replies: please ask a new one with "ask the national lead".',
        };
      if (request.status === 'open')
        return {
          kind: 'refused',
          message: 'This question is already open: the leads have it and will answer here.',
        };
      return changed({
        status: 'open',
        takenBy: undefined,
        thread: [...request.thread, entry('followUp', change.asker, change.text)],
      });
  }
}

/** When it last became open (asked, or followed up): the digest counts working days from here. */
export function openedAt(request: SupportRequest): string {
  return (
    request.thread.findLast((entry) => entry.kind === 'question' || entry.kind === 'followUp')?.at ?? request.createdAt
  );
}

/** The latest entry of a kind, such as the answer the person is reading. */
export function lastEntry(request: SupportRequest, kind: ThreadEntry['kind']): ThreadEntry | undefined {
  return request.thread.findLast((item) => item.kind === kind);
}

/** "Already answered by Example Lead": who got there first. */
function alreadyDone(request: SupportRequest): string {
  const last = request.thread.at(-1);
  const by = last ? escapeCardText(last.byName, 80) : 'someone';
  if (request.status === 'answered') return `Already answered by ${by}.`;
  return last?.kind === 'resolved' ? 'The person who asked has said this answered it.' : `Already closed by ${by}.`;
}
