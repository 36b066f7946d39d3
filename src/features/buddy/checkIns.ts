import { errorSummary } from '../../platform/errorSummary.js';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { periodicJob } from '../../platform/periodicJob.js';
import { underLease } from '../../platform/storage/leases.js';
import { formatUkDate } from '../../platform/ukDateTime.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import { tellLeads } from './buddyNotices.js';
import { VERBS } from '../verbs.js';
import { activePairs, type ActivePair } from './buddyPairs.js';
import {
  CHECK_IN_ANSWER_TITLES,
  CHECK_IN_ANSWERS,
  currentPairing,
  pairKey,
  SIDES,
  withCurrentPairing,
  type CheckIn,
  type CheckInAnswer,
  type Pairing,
  type Side,
} from './pairings.js';

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    checkIn: {
      intro: string;
      message: string;
      messageColour: 'Default' | 'Good' | 'Attention';
      answers: readonly { title: string; value: string }[];
      answer: string;
      note: string;
      submitTitle: string;
      pair: string;
      week: string;
      verbs: { answer: string };
    };
  }
}

registerCardTemplates('buddy', ['checkIn']);

const WEEK_MS = 7 * 24 * 60 * 60_000;
const CHECK_IN_LEASE = 'buddyCheckIns';
const LEASE_MS = 10 * 60_000;
/**
 * Check-in cards go at most this many a second: well inside Teams' limits for a tenant, beside a
 * broadcast that may be sending at the same time (a few hundred pairs take a minute or two).
 */
const SENDS_PER_SECOND = 10;
/** Tries at claiming a side's check-in over other writes to the mentee's request. */
const CLAIM_ATTEMPTS = 3;

export type CheckInDeps = Pick<BotDeps, 'storage' | 'roles' | 'messenger' | 'directory' | 'logger'>;

/** The check-in card for one side of a pair, as sent or as answered. */
export function checkInCard(
  pair: ActivePair,
  side: Side,
  week: number,
  given: { answer: CheckInAnswer | ''; note: string; message?: string; colour?: 'Default' | 'Good' | 'Attention' },
): AdaptiveCardJson {
  const other = side === 'mentee' ? pair.mentor : pair.mentee;
  return renderCard('checkIn', {
    intro: `It is ${String(week)} weeks since you were paired with ${escapeCardText(other.name, 80)} (on ${formatUkDate(pair.pairing.startedAt)}). The national MSO network lead asks each of you how it is going, so that no pair is left stuck.`,
    message: given.message ?? '',
    messageColour: given.colour ?? 'Default',
    answers: CHECK_IN_ANSWERS.map((answer) => ({ title: CHECK_IN_ANSWER_TITLES[answer], value: answer })),
    answer: given.answer,
    note: given.note,
    submitTitle: given.answer ? 'Change my answer' : 'Send my answer',
    pair: pairKey(pair.mentee.id, pair.mentor.id),
    week: String(week),
    verbs: { answer: VERBS.answerCheckIn },
  });
}

/** Which check-in is due for a pairing now: the latest whose time has come (after downtime, earlier ones are not sent late). */
export function dueWeek(pairing: Pairing, weeks: readonly number[], now: Date): number | undefined {
  const started = Date.parse(pairing.startedAt);
  return weeks.filter((week) => started + week * WEEK_MS <= now.getTime()).at(-1);
}

/**
 * A pair needs the leads' attention when one of them asks to end or change it, or when at a
 * check-in after the first (the second, by default at 13 weeks) both say they have not met yet.
 */
export function needsAttention(pairing: Pairing, checkIn: CheckIn): boolean {
  const answers = SIDES.map((side) => checkIn.answers[side]?.answer);
  const later = pairing.checkIns.some((earlier) => earlier.week < checkIn.week);
  return answers.includes('endOrChange') || (later && answers.every((answer) => answer === 'notMet'));
}

export interface CheckInJobOptions {
  deps: CheckInDeps;
  weeks: readonly number[];
  instanceId: string;
  everyMs: number;
  now?: () => Date;
}

/**
 * Sends the check-ins that are due: on one instance at a time (a lease), each side's card claimed
 * on the mentee's request (ETag) just before it goes, so it goes once whatever instance runs and
 * however often; caught up after downtime (the latest due one); never after the pair ended.
 */
export function createCheckInJob({ deps, weeks, instanceId, everyMs, now = () => new Date() }: CheckInJobOptions) {
  async function runOnce(): Promise<number> {
    const lease = { name: CHECK_IN_LEASE, holder: instanceId, leaseMs: LEASE_MS, now };
    return (await underLease(deps.storage.leases, lease, () => sendDue(deps, weeks, now()))) ?? 0;
  }
  const timer = periodicJob({ job: 'buddyCheckIns', everyMs, firstAfterMs: 10_000, logger: deps.logger, run: runOnce });
  return { runOnce, start: timer.start, stop: timer.stop };
}

export type CheckInJob = ReturnType<typeof createCheckInJob>;

/** Resolves to how many cards went. */
async function sendDue(deps: CheckInDeps, weeks: readonly number[], now: Date): Promise<number> {
  let sent = 0;
  let lastSend = Number.NEGATIVE_INFINITY;
  const pace = async () => {
    const wait = lastSend + 1000 / SENDS_PER_SECOND - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastSend = performance.now();
  };
  for (const pair of await activePairs(deps.storage)) {
    const week = dueWeek(pair.pairing, weeks, now);
    if (week === undefined) continue;
    const checkIn = pair.pairing.checkIns.find((earlier) => earlier.week === week);
    const waiting = SIDES.filter((side) => !checkIn?.sentTo[side]);
    for (const side of waiting) {
      const claimed = await claim(deps, pair, week, side, now);
      if (!claimed) continue;
      const person = side === 'mentee' ? claimed.mentee : claimed.mentor;
      const chat = await deps.storage.conversations.findPersonalChat(person.userId);
      if (!chat) continue;
      await pace();
      try {
        await deps.messenger.send(chat.reference, checkInCard(claimed, side, week, { answer: '', note: '' }));
        sent += 1;
      } catch (error) {
        deps.logger.warn({ job: 'buddyCheckIns', outcome: 'not_sent', error: errorSummary(error) }, 'buddy check-in');
      }
    }
    if (waiting.length > 0 && !checkIn)
      await deps.storage.audit.record({
        at: now.toISOString(),
        actor: 'scheduler',
        action: 'buddy.checkIn',
        subject: pair.mentee.id,
        related: pair.mentor.id,
        detail: { week: String(week) },
      });
  }
  if (sent > 0) deps.logger.info({ job: 'buddyCheckIns', outcome: 'sent', cards: sent }, 'buddy check-ins');
  return sent;
}

/**
 * Marks the side's card of that check-in as sent, over the mentee's request as read: the pair as
 * it now stands when this call made the mark, undefined when it was marked already or the pair
 * has ended meanwhile.
 */
async function claim(
  deps: CheckInDeps,
  pair: ActivePair,
  week: number,
  side: Side,
  now: Date,
): Promise<ActivePair | undefined> {
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
    const stored = await deps.storage.buddyRequests.get(pair.mentee.id);
    const pairing = stored && currentPairing(stored.request);
    if (!stored || pairing?.mentorRequestId !== pair.mentor.id) return undefined;
    const existing = pairing.checkIns.find((checkIn) => checkIn.week === week);
    if (existing?.sentTo[side]) return undefined;
    const marked: CheckIn = existing
      ? { ...existing, sentTo: { ...existing.sentTo, [side]: now.toISOString() } }
      : { week, sentTo: { [side]: now.toISOString() }, answers: {} };
    const mentee = withCurrentPairing(stored.request, (current) => ({
      ...current,
      checkIns: [...current.checkIns.filter((checkIn) => checkIn.week !== week), marked].sort(
        (a, b) => a.week - b.week,
      ),
    }));
    if (await deps.storage.buddyRequests.replace(mentee, stored.etag, stored.cardCopies)) {
      const updated = currentPairing(mentee);
      return updated && { ...pair, mentee, pairing: updated };
    }
  }
  return undefined;
}

/** The leads' card about a pair's check-in (not to a lead who is one of the pair): how many leads got it. */
export async function tellLeadsOfCheckIn(
  deps: CheckInDeps,
  pair: ActivePair,
  checkIn: CheckIn,
  { attention, changed }: { attention: boolean; changed: boolean },
): Promise<number> {
  const facts = SIDES.flatMap((side) => {
    const given = checkIn.answers[side];
    const person = side === 'mentee' ? pair.mentee : pair.mentor;
    const name = escapeCardText(person.name, 80);
    if (!given) return [{ title: name, value: 'No answer yet' }];
    return [
      { title: name, value: CHECK_IN_ANSWER_TITLES[given.answer] },
      ...(given.note ? [{ title: `Note from ${name}`, value: escapeCardText(given.note, 500) }] : []),
    ];
  });
  const card = answerCard({
    title: attention
      ? 'A buddy pair needs attention'
      : changed
        ? 'A buddy check-in answer changed'
        : 'A note from a buddy check-in',
    paragraphs: [
      ...(changed ? ['An answer was changed: this card replaces the earlier one about this check-in.'] : []),
      `${escapeCardText(pair.mentee.name, 80)} with ${escapeCardText(pair.mentor.name, 80)} (mentor), paired on ${formatUkDate(pair.pairing.startedAt)}: the ${String(checkIn.week)}-week check-in.`,
      ...(attention ? ['You can end the pairing from "buddy pairs", or get in touch with them first.'] : []),
    ],
    facts,
    asks: [{ title: 'Buddy pairs', intent: 'buddyPairs' }],
    source: deps.directory.network.source,
  });
  // A lead who is one of the pair is not sent the other's answer or note.
  return tellLeads(deps, card, [pair.mentee.userId, pair.mentor.userId]);
}
