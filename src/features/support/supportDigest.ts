import { errorSummary } from '../../platform/errorSummary.js';
import { periodicJob } from '../../platform/periodicJob.js';
import { underLease } from '../../platform/storage/leases.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import { openedAt, type SupportRequest } from './supportScheme.js';
import { waitingFacts } from './supportCards.js';
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

  /** Resolves to how many leads were sent a digest now. */
  async function runOnce(): Promise<number> {
    const at = now();
    if (!isWorkingDay(at) || ukHour(at) < DIGEST_HOUR) return 0;
    const lease = { name: DIGEST_LEASE, holder: instanceId, leaseMs: LEASE_MS, now };
    return (await underLease(storage.leases, lease, () => sendDigests(deps, at))) ?? 0;
  }

  const timer = periodicJob({ job: 'supportDigest', everyMs, logger, run: runOnce });
  return { runOnce, start: timer.start, stop: timer.stop };
}

/** Each lead with overdue questions gets one card, unless this day's was claimed already. */
async function sendDigests(deps: DigestDeps, at: Date): Promise<number> {
  const { storage, logger } = deps;
  const overdue = (await storage.supportRequests.list({ status: 'open' }))
    .map((stored) => stored.request)
    .filter((request) => workingDaysSince(new Date(openedAt(request)), at) > DIGEST_AFTER_WORKING_DAYS);
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
    facts: waitingFacts(requests),
    asks: [{ title: 'Open questions', intent: 'openQuestions' }],
    source: deps.directory.network.source,
  });
}
