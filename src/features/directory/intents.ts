import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import { fixedAnswer, type IntentHandler } from '../feature.js';
import { answerQuestion, askedByButton } from '../questions/answerQuestion.js';
import type { Intent } from '../questions/intents.js';
import type { Understanding } from '../questions/understand.js';
import { organisationFormCard } from './organisationFormCard.js';
import { currentOrganisation, type Organisation } from './organisations.js';
import { describeReplaced } from './formerOrganisations.js';
import type { RegionBasis } from './answers.js';
import type { RegionCode } from './referenceData.js';

/** An organisation the question names in full (a distinctive word alone is not enough to act on). */
function namedOrganisation(question: Understanding): Organisation | undefined {
  const { organisation } = question;
  return organisation.kind === 'found' && organisation.exact ? organisation.organisation : undefined;
}

/** "my regional network" / "my regional lead": for the organisation or region named, else the one saved, else asks. */
const regional =
  (focus: 'network' | 'lead'): IntentHandler =>
  async (deps, userId, question) => {
    const { directory, storage } = deps;
    const named = namedOrganisation(question);
    if (named) {
      return answerCard(
        directory.answers.regionalNetwork(
          named.region,
          {
            kind: 'organisation',
            organisationName: named.name,
            saved: false,
            replaced: describeReplaced(named, directory.reference),
          },
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

/** "I work at …", "change my organisation": saves it and answers with the regional network. */
export const setOrganisation: IntentHandler = async (deps, userId, question) => {
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

/** The network's people, regions and pages, and where an MSO stands. */
export const directoryIntents = {
  regionalNetwork: regional('network'),
  regionalLead: regional('lead'),
  nationalLead: fixedAnswer(({ directory }) => answerCard(directory.answers.nationalLead())),
  steeringGroup: fixedAnswer(({ directory }) => answerCard(directory.answers.steeringGroup())),
  training: fixedAnswer(({ directory }) => answerCard(directory.answers.training())),
  rps: fixedAnswer(({ directory }) => answerCard(directory.answers.rps())),
  networkAbout: fixedAnswer(({ directory }) => answerCard(directory.answers.networkAbout())),
  reporting: fixedAnswer(({ directory }) => answerCard(directory.answers.reporting())),
  setOrganisation,
} satisfies Partial<Record<Intent, IntentHandler>>;

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
  // A former organisation is saved as what took it over; one that was split, as its region.
  const saved = organisation && currentOrganisation(organisation);
  await deps.storage.profiles.save({
    userId,
    region: regionCode,
    organisationCode: saved?.code,
    updatedAt: new Date().toISOString(),
  });
  deps.logger.info(
    { outcome: 'profile_saved', region: regionCode, organisation: saved?.code ?? null },
    'profile saved',
  );
  const focus = then === 'regionalLead' ? 'lead' : 'network';
  if (then !== 'regionalNetwork' && then !== 'regionalLead') {
    const [first] = await answerQuestion(deps, userId, askedByButton(then));
    if (first) return first;
  }
  const replaced = organisation && describeReplaced(organisation, deps.directory.reference);
  const basis: RegionBasis = saved
    ? { kind: 'organisation', organisationName: saved.name, saved: true, replaced }
    : { kind: 'profile', organisationName: undefined, replaced };
  return answerCard(deps.directory.answers.regionalNetwork(regionCode, basis, focus));
}
