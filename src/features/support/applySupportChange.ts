import { settle } from '../../platform/settle.js';
import type { AuditEntry } from '../privacy/auditLog.js';
import { refuse, type CardActionRequest, type CardActionResult } from '../cardAction.js';
import { isLead } from '../leads/isLead.js';
import { LEADS_ONLY } from '../leads/leadsOnly.js';
import { leadChats, type LeadChats } from '../leads/leadChats.js';
import { refreshSupportCopies, sendToLeads, supportCardFor, tellAsker } from './supportNotices.js';
import type { SupportCardCopy } from './supportRequests.js';
import { changeSupportRequest, type SupportChange, type SupportRequest } from './supportScheme.js';

const ATTEMPTS = 5;

const AUDIT_ACTIONS: Record<SupportChange['kind'], AuditEntry['action']> = {
  take: 'support.take',
  answer: 'support.answer',
  close: 'support.close',
  resolve: 'support.resolve',
  reopen: 'support.reopen',
};

/**
 * One change to a support request from a card, shared by every verb. Who may act is decided on
 * the server: a lead by Entra object id, the person who asked by their id, never by the card.
 * The write is conditional on the ETag read; when it loses, the request is read again and the
 * change decided again, so of two leads answering at once one answer is stored and the other
 * lead is told who answered.
 */
export async function applySupportChange(
  { request: turn, deps }: CardActionRequest,
  requestId: string,
  who: 'lead' | 'asker',
  makeChange: (current: SupportRequest) => SupportChange | string,
  /** Runs once the change is stored; what it resolves to is added to the confirmation. */
  afterChange?: (request: SupportRequest) => Promise<string>,
): Promise<CardActionResult> {
  const { supportRequests, audit } = deps.storage;
  if (who === 'lead' && !(await isLead(deps, turn.person.aadObjectId))) {
    deps.logger.warn({ outcome: 'forbidden', requestId }, 'support change refused');
    return LEADS_ONLY;
  }
  const viewerId = turn.person.aadObjectId;
  // Read once: every card this change makes or updates refreshes for the same leads.
  const chats = await leadChats(deps);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const stored = await supportRequests.get(requestId);
    if (!stored) return refuse.notFound('That question no longer exists.');
    if (who === 'asker' && stored.request.userId !== turn.person.id) {
      deps.logger.warn({ outcome: 'forbidden', requestId }, 'support change refused');
      return refuse.forbidden('Only the person who asked can do this.');
    }
    const again = (message: string, request = stored.request) => ({
      kind: 'card' as const,
      card: supportCardFor(deps, request, who, chats, { message, viewerId }),
    });
    const change = makeChange(stored.request);
    if (typeof change === 'string') return again(change);
    const at = new Date();
    const outcome = changeSupportRequest(stored.request, change, at);
    if (outcome.kind === 'refused') return again(outcome.message);
    if (outcome.kind === 'unchanged') return again('');
    const { request } = outcome;
    if (!(await supportRequests.replace(request, stored.etag, stored.cardCopies))) continue;

    const log = { requestId };
    await settle(deps.logger, log, 'support change', () =>
      audit.record({
        at: request.updatedAt,
        actor: turn.person.id,
        action: AUDIT_ACTIONS[change.kind],
        subject: requestId,
        related: undefined,
        detail: { from: stored.request.status },
      }),
    );
    deps.logger.info({ requestId, change: change.kind, outcome: request.status }, 'support change');
    await settle(deps.logger, log, 'support change', () =>
      followUp(deps, request, change, { copies: stored.cardCopies, clicked: turn.replyToId, chats }),
    );
    const more = afterChange ? await afterChange(request) : '';
    return again([CONFIRMATIONS[change.kind], more].filter(Boolean).join(' '), request);
  }
  const current = await supportRequests.get(requestId);
  return current
    ? {
        kind: 'card',
        card: supportCardFor(deps, current.request, who, chats, {
          message: 'The question kept changing while you acted on it. Here it is as it stands: try again.',
          viewerId,
        }),
      }
    : refuse.notFound('That question no longer exists.');
}

const CONFIRMATIONS: Record<SupportChange['kind'], string> = {
  take: 'You have taken this question: the other leads can see that.',
  answer: 'Your answer has been sent.',
  close: 'Closed: the person who asked has been told why.',
  resolve: 'Thank you: the question is closed.',
  reopen: 'Sent: your question is open again and back with the leads.',
};

/**
 * What each change sets off once stored: every other copy shows it; an answer or closing reaches
 * the person who asked; a follow-up goes to every lead as a new card.
 */
async function followUp(
  deps: CardActionRequest['deps'],
  request: SupportRequest,
  change: SupportChange,
  { copies, clicked, chats }: { copies: readonly SupportCardCopy[]; clicked: string | undefined; chats: LeadChats },
): Promise<void> {
  await refreshSupportCopies(
    deps,
    request,
    copies.filter((copy) => copy.activityId !== clicked),
    chats,
  );
  const added: SupportCardCopy[] = [];
  if (change.kind === 'answer' || change.kind === 'close') {
    const told = await tellAsker(deps, request, chats);
    if (told) added.push(told);
  }
  if (change.kind === 'reopen') added.push(...(await sendToLeads(deps, request, chats)));
  if (added.length > 0) await deps.storage.supportRequests.addCardCopies(request.id, added);
}
