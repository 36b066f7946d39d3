import type { AdaptiveCardJson } from '../cards/renderCard.js';
import type { Organisation } from '../directory/organisations.js';
import type { RegionCode } from '../directory/referenceData.js';
import type { Intent, IntentOrNone } from '../nlu/intents.js';
import type { BotDeps } from './botDeps.js';
import { answerCard, helpCard, organisationFormCard } from './botCards.js';

/** One question: who asks, what they typed (empty when they pressed a button), what it means. */
export interface Question {
  userId: string;
  text: string;
  intent: IntentOrNone;
}

type Handler = (deps: BotDeps, question: Question) => Promise<AdaptiveCardJson>;

const regional =
  (focus: 'network' | 'lead'): Handler =>
  async (deps, question) => {
    const { directory, storage } = deps;
    const named = mentionedOrganisation(deps, question.text);
    if (named) {
      return answerCard(directory.answers.regionalNetwork(named.region, { kind: 'organisation', organisationName: named.name, saved: false }, focus));
    }
    const region = directory.findRegion(question.text);
    if (region) return answerCard(directory.answers.regionalNetwork(region, { kind: 'named' }, focus));
    const profile = await storage.profiles.get(question.userId);
    if (profile) {
      const organisationName = profile.organisationCode ? directory.organisations.byCode(profile.organisationCode)?.name : undefined;
      return answerCard(directory.answers.regionalNetwork(profile.region, { kind: 'profile', organisationName }, focus));
    }
    return organisationFormCard(directory.reference, {
      message: 'Tell me where you work and I will find your regional network. I will remember it for next time.',
      then: question.intent === 'regionalLead' ? 'regionalLead' : 'regionalNetwork',
    });
  };

const setOrganisation: Handler = async (deps, question) => {
  const { directory } = deps;
  const lookup = question.text ? directory.organisations.find(question.text) : { kind: 'unknown' as const };
  if (lookup.kind === 'found') return saveProfileAndAnswer(deps, question.userId, lookup.organisation, undefined, 'regionalNetwork');
  if (lookup.kind === 'ambiguous') {
    return organisationFormCard(directory.reference, { message: 'Which of these do you mean?', choices: lookup.choices, then: 'regionalNetwork' });
  }
  const region = question.text ? directory.findRegion(question.text) : undefined;
  if (region) return saveProfileAndAnswer(deps, question.userId, undefined, region, 'regionalNetwork');
  return organisationFormCard(directory.reference, { then: 'regionalNetwork' });
};

/** Not understood: a place or organisation on its own still means something; otherwise the menu. */
const notUnderstood: Handler = async (deps, question) => {
  const lookup = question.text ? deps.directory.organisations.find(question.text) : { kind: 'unknown' as const };
  if (lookup.kind !== 'unknown' && lookup.exact) return setOrganisation(deps, question);
  const region = deps.directory.findRegion(question.text);
  if (region) return answerCard(deps.directory.answers.regionalNetwork(region, { kind: 'named' }, 'network'));
  return helpCard(true);
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
  webinar: fixed(({ directory }) => answerCard(directory.answers.webinar())),
  buddyAbout: fixed(({ directory }) => answerCard(directory.answers.buddyAbout())),
  buddyJoin: fixed(({ directory }) => answerCard(directory.answers.buddyJoin())),
  training: fixed(({ directory }) => answerCard(directory.answers.training())),
  rps: fixed(({ directory }) => answerCard(directory.answers.rps())),
  networkAbout: fixed(({ directory }) => answerCard(directory.answers.networkAbout())),
  reporting: fixed(({ directory }) => answerCard(directory.answers.reporting())),
  setOrganisation,
  help: fixed(() => helpCard(false)),
  remindersStop: fixed(({ directory }) => answerCard(directory.answers.notYet('Webinar reminders', 'Switching webinar reminders on and off'))),
  remindersStart: fixed(({ directory }) => answerCard(directory.answers.notYet('Webinar reminders', 'Switching webinar reminders on and off'))),
  dataShow: fixed(({ directory }) =>
    answerCard(directory.answers.notYet('Your data', 'Showing everything the bot holds about you on one card'))),
  dataDelete: fixed(({ directory }) => answerCard(directory.answers.notYet('Deleting your data', 'Deleting your data with one command'))),
  None: notUnderstood,
};

/** The card that answers a question. */
export function answerQuestion(deps: BotDeps, question: Question): Promise<AdaptiveCardJson> {
  return handlers[question.intent](deps, question);
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
  await deps.storage.profiles.save({ userId, region: regionCode, organisationCode: organisation?.code, updatedAt: new Date().toISOString() });
  deps.logger.info({ outcome: 'profile_saved', region: regionCode, organisation: organisation?.code ?? null }, 'profile saved');
  const focus = then === 'regionalLead' ? 'lead' : 'network';
  if (then !== 'regionalNetwork' && then !== 'regionalLead') return answerQuestion(deps, { userId, text: '', intent: then });
  const basis = organisation
    ? ({ kind: 'organisation', organisationName: organisation.name, saved: true } as const)
    : ({ kind: 'profile', organisationName: undefined } as const);
  return answerCard(deps.directory.answers.regionalNetwork(regionCode, basis, focus));
}

/** An organisation the text names in full (a partial match is not enough to act on). */
function mentionedOrganisation(deps: BotDeps, text: string): Organisation | undefined {
  if (!text) return undefined;
  const lookup = deps.directory.organisations.find(text);
  return lookup.kind === 'found' && lookup.exact ? lookup.organisation : undefined;
}
