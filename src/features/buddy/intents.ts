import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import type { IntentHandler } from '../feature.js';
import { isLead } from '../leads/isLead.js';
import type { Intent } from '../questions/intents.js';
import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { signUpCard } from './buddyCards.js';
import { requestCardFor } from './buddyNotices.js';
import { readSignUpValues } from './signUpForm.js';

/** A lead asking for pending requests gets this many cards at most in one go. */
const MAX_PENDING_CARDS = 10;

const fixed =
  (answer: (deps: BotDeps) => AdaptiveCardJson): IntentHandler =>
  (deps) =>
    Promise.resolve(answer(deps));

/** The buddy scheme: what it is, joining, where a request stands, and the leads' views. */
export const buddyIntents = {
  buddyAbout: fixed(({ directory }) => answerCard(directory.answers.buddyAbout())),
  buddyJoin: async (deps, userId) => {
    const profile = await deps.storage.profiles.get(userId);
    const organisation = profile?.organisationCode
      ? deps.directory.organisations.byCode(profile.organisationCode)
      : undefined;
    return signUpCard(deps.directory, {
      ...readSignUpValues({}),
      region: profile?.region ?? '',
      organisation: organisation?.name ?? '',
    });
  },
  buddyStatus: async (deps, userId) => {
    const mine = await deps.storage.buddyRequests.list({ userId });
    if (mine.length === 0) {
      return answerCard({
        ...deps.directory.answers.buddyAbout(),
        title: 'You have no buddy scheme request',
        asks: [{ title: 'Join the buddy scheme', intent: 'buddyJoin' }],
      });
    }
    return Promise.all(mine.map((stored) => requestCardFor(deps, stored.request, 'applicant')));
  },
  buddyPending: async (deps, userId) => {
    if (!isLead(deps, userId)) return answerCard(deps.directory.answers.leadsOnly('Pending buddy requests'));
    const waiting = [
      ...(await deps.storage.buddyRequests.list({ status: 'pending' })),
      ...(await deps.storage.buddyRequests.list({ status: 'approved' })).filter(
        (stored) => stored.request.wayIn !== 'mentor',
      ),
    ];
    if (waiting.length === 0)
      return answerCard({
        ...deps.directory.answers.leadsOnly('Pending buddy requests'),
        paragraphs: ['Nothing is waiting: every request has been decided.'],
        links: [],
      });
    return Promise.all(
      waiting.slice(0, MAX_PENDING_CARDS).map((stored) => requestCardFor(deps, stored.request, 'lead')),
    );
  },
  buddySummary: async (deps, userId) => {
    if (!isLead(deps, userId)) return answerCard(deps.directory.answers.leadsOnly('The buddy scheme summary'));
    const all = (await deps.storage.buddyRequests.list()).map((stored) => stored.request);
    return answerCard(deps.directory.answers.buddySummary(all));
  },
} satisfies Partial<Record<Intent, IntentHandler>>;
