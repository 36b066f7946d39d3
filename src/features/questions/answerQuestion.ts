import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { Organisation } from '../directory/organisations.js';
import type { RegionCode } from '../directory/referenceData.js';
import type { Intent, IntentOrNone } from './intents.js';
import type { Understanding } from './understand.js';
import type { BotDeps } from '../botDeps.js';
import { readSignUpValues } from '../buddy/signUpForm.js';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { answerCard } from '../answerCard.js';
import { organisationFormCard } from '../directory/organisationFormCard.js';
import { helpCard } from './botCards.js';
import { signUpCard } from '../buddy/buddyCards.js';
import { requestCardFor } from '../buddy/buddyNotices.js';
import { isLead } from '../leads/isLead.js';
import { auditLogCard } from '../privacy/auditLogCard.js';
import { eraseConfirmCard, myDataCard } from '../privacy/myData.js';
import { newBroadcastNowId } from '../reminders/reminderJob.js';
import { confirmCard, reportCard, settingsCard } from '../webinar/webinarCards.js';

/** "audit log" shows this many entries, newest first. */
const AUDIT_LOG_ENTRIES = 20;

/** A lead asking for pending requests gets this many cards at most in one go. */
const MAX_PENDING_CARDS = 10;

/** One card, or several (a lead's pending requests, one card each). */
type Reply = AdaptiveCardJson | AdaptiveCardJson[];
type Handler = (deps: BotDeps, userId: string, question: Understanding) => Promise<Reply>;

/** A question asked with a button rather than typed: the intent alone. */
export function askedByButton(intent: IntentOrNone): Understanding {
  return { intent, score: 1, text: '', organisation: { kind: 'unknown' }, region: undefined };
}

/** An organisation the question names in full (a distinctive word alone is not enough to act on). */
function namedOrganisation(question: Understanding): Organisation | undefined {
  const { organisation } = question;
  return organisation.kind === 'found' && organisation.exact ? organisation.organisation : undefined;
}

const regional =
  (focus: 'network' | 'lead'): Handler =>
  async (deps, userId, question) => {
    const { directory, storage } = deps;
    const named = namedOrganisation(question);
    if (named) {
      return answerCard(
        directory.answers.regionalNetwork(
          named.region,
          { kind: 'organisation', organisationName: named.name, saved: false },
          focus,
        ),
      );
    }
    if (question.region)
      return answerCard(directory.answers.regionalNetwork(question.region, { kind: 'named' }, focus));
    const profile = await storage.profiles.get(userId);
    if (profile) {
      const organisationName = profile.organisationCode
        ? directory.organisations.byCode(profile.organisationCode)?.name
        : undefined;
      return answerCard(
        directory.answers.regionalNetwork(profile.region, { kind: 'profile', organisationName }, focus),
      );
    }
    return organisationFormCard(directory.reference, {
      message: 'Tell me where you work and I will find your regional network. I will remember it for next time.',
      then: focus === 'lead' ? 'regionalLead' : 'regionalNetwork',
    });
  };

const setOrganisation: Handler = async (deps, userId, question) => {
  const { organisation } = question;
  if (organisation.kind === 'found')
    return saveProfileAndAnswer(deps, userId, organisation.organisation, undefined, 'regionalNetwork');
  if (organisation.kind === 'ambiguous') {
    return organisationFormCard(deps.directory.reference, {
      message: 'Which of these do you mean?',
      choices: organisation.choices,
      then: 'regionalNetwork',
    });
  }
  if (question.region) return saveProfileAndAnswer(deps, userId, undefined, question.region, 'regionalNetwork');
  return organisationFormCard(deps.directory.reference, { then: 'regionalNetwork' });
};

/** Not understood: a place or organisation on its own still means something; otherwise the menu. */
const notUnderstood: Handler = async (deps, userId, question) => {
  const { organisation } = question;
  if (organisation.kind !== 'unknown' && organisation.exact) return setOrganisation(deps, userId, question);
  if (question.region)
    return answerCard(deps.directory.answers.regionalNetwork(question.region, { kind: 'named' }, 'network'));
  return helpCard(true, isLead(deps, userId));
};

const fixed =
  (answer: (deps: BotDeps) => ReturnType<typeof answerCard>): Handler =>
  (deps) =>
    Promise.resolve(answer(deps));

const handlers: Record<IntentOrNone, Handler> = {
  regionalNetwork: regional('network'),
  regionalLead: regional('lead'),
  nationalLead: fixed(({ directory }) => answerCard(directory.answers.nationalLead())),
  steeringGroup: fixed(({ directory }) => answerCard(directory.answers.steeringGroup())),
  webinar: async ({ directory, webinars, webinarCalendarUrl }) => {
    const next = await webinars.next();
    // The topic will be typed by the lead on a settings card: shown as typed, never as Markdown.
    const topic = next?.occurrence.topic === undefined ? undefined : escapeCardText(next.occurrence.topic);
    return answerCard(
      directory.answers.webinar(
        next && { ...next, occurrence: { ...next.occurrence, topic }, calendarUrl: webinarCalendarUrl },
      ),
    );
  },
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
  training: fixed(({ directory }) => answerCard(directory.answers.training())),
  rps: fixed(({ directory }) => answerCard(directory.answers.rps())),
  networkAbout: fixed(({ directory }) => answerCard(directory.answers.networkAbout())),
  reporting: fixed(({ directory }) => answerCard(directory.answers.reporting())),
  setOrganisation,
  help: (deps, userId) => Promise.resolve(helpCard(false, isLead(deps, userId))),
  // Typed, these act on the conversation (answerInConversation); here only a button could ask.
  remindersStop: fixed(({ directory }) => answerCard(directory.answers.remindersHowTo())),
  remindersStart: fixed(({ directory }) => answerCard(directory.answers.remindersHowTo())),
  webinarSettings: async (deps, userId) => {
    if (!isLead(deps, userId)) return answerCard(deps.directory.answers.leadsOnly('Webinar settings'));
    return settingsCard(deps);
  },
  reminderNow: async (deps, userId) => {
    if (!isLead(deps, userId)) return answerCard(deps.directory.answers.leadsOnly('Sending a webinar reminder'));
    const [next, subscribers] = await Promise.all([deps.webinars.next(), deps.storage.subscriptions.countActive()]);
    return confirmCard({
      occurrence: next?.inProgress ? undefined : next?.occurrence,
      broadcastId: newBroadcastNowId(),
      subscribers,
    });
  },
  reminderReport: async (deps, userId) => {
    if (!isLead(deps, userId)) return answerCard(deps.directory.answers.leadsOnly('The reminder report'));
    const last = await deps.storage.broadcasts.lastFinished();
    if (last) return reportCard(deps, last);
    return answerCard({
      ...deps.directory.answers.leadsOnly('Webinar reminder report'),
      paragraphs: ['No webinar reminder has finished sending yet.'],
      links: [],
    });
  },
  auditLog: async (deps, userId) => {
    if (!isLead(deps, userId)) return answerCard(deps.directory.answers.leadsOnly('The audit log'));
    return auditLogCard(deps, await deps.storage.audit.latest(AUDIT_LOG_ENTRIES));
  },
  dataShow: (deps, userId) => myDataCard(deps, userId),
  dataDelete: () => Promise.resolve(eraseConfirmCard()),
  None: notUnderstood,
};

/** The cards that answer a question, in order. */
export async function answerQuestion(
  deps: BotDeps,
  userId: string,
  question: Understanding,
): Promise<AdaptiveCardJson[]> {
  return [await handlers[question.intent](deps, userId, question)].flat();
}

/** Saves where the person works, then answers what they asked (their regional network by default). */
export async function saveProfileAndAnswer(
  deps: BotDeps,
  userId: string,
  organisation: Organisation | undefined,
  region: RegionCode | undefined,
  then: Intent,
): Promise<AdaptiveCardJson> {
  const regionCode = organisation?.region ?? region;
  if (!regionCode) throw new Error('saveProfileAndAnswer needs an organisation or a region');
  await deps.storage.profiles.save({
    userId,
    region: regionCode,
    organisationCode: organisation?.code,
    updatedAt: new Date().toISOString(),
  });
  deps.logger.info(
    { outcome: 'profile_saved', region: regionCode, organisation: organisation?.code ?? null },
    'profile saved',
  );
  const focus = then === 'regionalLead' ? 'lead' : 'network';
  if (then !== 'regionalNetwork' && then !== 'regionalLead') {
    const [first] = await answerQuestion(deps, userId, askedByButton(then));
    if (first) return first;
  }
  const basis = organisation
    ? ({ kind: 'organisation', organisationName: organisation.name, saved: true } as const)
    : ({ kind: 'profile', organisationName: undefined } as const);
  return answerCard(deps.directory.answers.regionalNetwork(regionCode, basis, focus));
}
