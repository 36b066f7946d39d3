import { errorSummary } from '../../platform/errorSummary.js';
import { formatFullUkDateTime } from '../../platform/ukDateTime.js';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { withCorrelationId } from '../../platform/logContext.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import { topicTitle, type SupportRequest } from './supportScheme.js';
import { isWorkingDay, ukDay, ukHour, workingDaysSince } from './workingDays.js';

/** Questions open for more than this many working days go in the leads' morning digest. */
export const DIGEST_AFTER_WORKING_DAYS = 3;
/** The digest goes from this hour, UK time, on working days (later the same day after downtime). */
const DIGEST_HOUR = 8;
const DIGEST_LEASE = 'supportDigest';
const LEASE_MS = 10 * 60_000;

export type DigestDeps = Pick<BotDeps, 'storage' | 'roles' | 'messenger' | 'directory' | 'logger'>;

export interface SupportDigestOptions {
  deps: DigestDeps;
  instanceId: string;
  /** How often each instance checks whether the morning's digest is due. */
  everyMs: number;
  now?: () => Date;
}

/**
 * The leads' morning digest of questions waiting too long. Each working-day morning, on one
 * instance at a time (a lease in Tables), every lead with such questions gets one card: the
 * questions they took, and those nobody took. A claim per lead and day makes it once a day,
 * whichever instance and however many times it runs.
 */
export function createSupportDigestJob({ deps, instanceId, everyMs, now = () => new Date() }: SupportDigestOptions) {
  const { storage, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  /** Resolves to how many leads were sent a digest now. */
  async function runOnce(): Promise<number> {
    const at = now();
    if (!isWorkingDay(at) || ukHour(at) < DIGEST_HOUR) return 0;
    if (!(await storage.leases.acquire(DIGEST_LEASE, instanceId, new Date(at.getTime() + LEASE_MS), at))) return 0;
    const overdue = (await storage.supportRequests.list({ status: 'open' }))
      .map((stored) => stored.request)
      .filter((request) => workingDaysSince(new Date(request.openedAt), at) > DIGEST_AFTER_WORKING_DAYS);
    if (overdue.length === 0) return 0;
    const leadIds = await deps.roles.leadIds();
    let sent = 0;
    for (const leadId of leadIds) {
      const theirs = overdue.filter((request) => isFor(request, leadId, leadIds));
      if (theirs.length === 0) continue;
      const chat = await storage.conversations.findPersonalChat(leadId);
      if (!chat || !(await storage.supportRequests.claimDigest(ukDay(at), leadId))) continue;
      try {
        await deps.messenger.send(chat.reference, digestCard(deps, theirs));
        sent += 1;
      } catch (error) {
        logger.warn({ job: 'supportDigest', outcome: 'not_sent', error: errorSummary(error) }, 'support digest');
      }
    }
    logger.info({ job: 'supportDigest', outcome: 'done', overdue: overdue.length, leadsTold: sent }, 'support digest');
    return sent;
  }

  const scheduled = () => {
    running ??= withCorrelationId(runOnce)
      .catch((error: unknown) =>
        logger.error({ job: 'supportDigest', outcome: 'failed', error: errorSummary(error) }, 'support digest failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };

  return {
    runOnce,
    start() {
      timer = setInterval(scheduled, everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export type SupportDigestJob = ReturnType<typeof createSupportDigestJob>;

/** A lead's digest holds what they took, and what nobody (or a former lead) took. */
function isFor(request: SupportRequest, leadId: string, leadIds: readonly string[]): boolean {
  const taker = request.takenBy?.id.toLowerCase();
  return taker === undefined || taker === leadId.toLowerCase() || !leadIds.some((id) => id.toLowerCase() === taker);
}

function digestCard(deps: DigestDeps, requests: readonly SupportRequest[]) {
  const count = requests.length;
  return answerCard({
    title: `${String(count)} ${count === 1 ? 'question has' : 'questions have'} waited more than ${String(DIGEST_AFTER_WORKING_DAYS)} working days`,
    paragraphs: ['Oldest first. Each is yours or nobody has taken it yet.'],
    facts: [...requests]
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt))
      .map((request) => ({
        title: request.id,
        value: `${escapeCardText(request.name, 80)}, ${topicTitle(request.topic)}, open since ${formatFullUkDateTime(request.openedAt)}`,
      })),
    asks: [{ title: 'Open questions', intent: 'openQuestions' }],
    source: deps.directory.network.source,
  });
}
