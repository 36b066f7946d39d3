import { answerCard } from '../answerCard.js';
import { fixedAnswer, type IntentHandler } from '../feature.js';
import { isLead } from '../leads/isLead.js';
import type { Intent } from '../questions/intents.js';
import { signUpCard } from './buddyCards.js';
import { requestCardFor } from './buddyNotices.js';
import { readSignUpValues, wayInFrom } from './signUpForm.js';
import { errorSummary } from '../../platform/errorSummary.js';
import type { BotDeps } from '../botDeps.js';
import { buddyAboutAnswer, buddySummaryAnswer } from './buddyAnswers.js';
import { buddyPairsCard, myBuddiesCard } from './pairCards.js';
import { waitingList } from './buddyPairs.js';
import { leadsOnlyAnswer } from '../leads/leadsOnly.js';

/** A lead asking for pending requests gets this many cards at most in one go. */
const MAX_PENDING_CARDS = 10;

/** The buddy scheme: what it is, joining, where a request stands, and the leads' views. */
export const buddyIntents = {
  buddyAbout: fixedAnswer(({ directory }) => answerCard(buddyAboutAnswer(directory.network))),
  buddyJoin: async (deps, userId, question) => {
    const [profile, email] = await Promise.all([deps.storage.profiles.get(userId), workEmailOf(deps, userId)]);
    const organisation = profile?.organisationCode
      ? deps.directory.organisations.byCode(profile.organisationCode)
      : undefined;
    return signUpCard(deps.directory, {
      ...readSignUpValues({}),
      wayIn: wayInFrom(question.text),
      region: profile?.region ?? '',
      organisation: organisation?.name ?? '',
      email,
    });
  },
  buddyStatus: async (deps, userId) => {
    const mine = await deps.storage.buddyRequests.list({ userId });
    if (mine.length === 0) {
      return answerCard({
        ...buddyAboutAnswer(deps.directory.network),
        title: 'You have no buddy scheme request',
        asks: [{ title: 'Join the buddy scheme', intent: 'buddyJoin' }],
      });
    }
    return Promise.all(mine.map((stored) => requestCardFor(deps, stored.request, 'applicant')));
  },
  buddyPending: async (deps, userId) => {
    if (!(await isLead(deps, userId)))
      return answerCard(leadsOnlyAnswer(deps.directory.network, 'Pending buddy requests'));
    // Decisions first, oldest first; then who waits for a buddy, in the order of the queue.
    const waiting = [
      ...(await deps.storage.buddyRequests.list({ status: 'pending' })),
      ...(await waitingList(deps.storage)),
    ];
    if (waiting.length === 0)
      return answerCard({
        ...leadsOnlyAnswer(deps.directory.network, 'Pending buddy requests'),
        paragraphs: ['Nothing is waiting: every request has been decided.'],
        // The leads-only answer's contact links do not belong here.
        links: [],
      });
    return Promise.all(
      waiting.slice(0, MAX_PENDING_CARDS).map((stored) => requestCardFor(deps, stored.request, 'lead')),
    );
  },
  myBuddy: (deps, userId) => myBuddiesCard(deps, userId),
  endBuddyPairing: (deps, userId) => myBuddiesCard(deps, userId, '', 'end'),
  mentoringPause: (deps, userId) => myBuddiesCard(deps, userId, '', 'pause'),
  buddyPairs: async (deps, userId) =>
    (await isLead(deps, userId))
      ? buddyPairsCard(deps)
      : answerCard(leadsOnlyAnswer(deps.directory.network, 'Buddy pairs')),
  buddySummary: async (deps, userId) => {
    if (!(await isLead(deps, userId)))
      return answerCard(leadsOnlyAnswer(deps.directory.network, 'The buddy scheme summary'));
    const all = (await deps.storage.buddyRequests.list()).map((stored) => stored.request);
    return answerCard(buddySummaryAnswer(deps.directory.network, deps.directory.reference, all, new Date()));
  },
} satisfies Partial<Record<Intent, IntentHandler>>;

/** The person's work email as Teams knows it (the roster of their chat with the bot), or '' to type it. */
async function workEmailOf(deps: BotDeps, userId: string): Promise<string> {
  const chat = await deps.storage.conversations.findPersonalChat(userId);
  if (!chat) return '';
  try {
    return (await deps.messenger.memberEmail(chat.reference)) ?? '';
  } catch (error) {
    deps.logger.warn({ outcome: 'email_not_looked_up', error: errorSummary(error) }, 'buddy sign-up');
    return '';
  }
}
