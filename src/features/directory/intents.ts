import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import { fixedAnswer, type IntentHandler, type Reply } from '../feature.js';
import { answerQuestion, askedByButton } from '../questions/answerQuestion.js';
import { GENERAL_QUESTIONS, type Intent, type IntentOrNone } from '../questions/intents.js';
import type { Understanding } from '../questions/understand.js';
import { organisationFormCard } from './organisationFormCard.js';
import {
  answerAboutPlace,
  answerFromProfile,
  describeWorkplace,
  focusOf,
  intentOf,
  rememberPlace,
  savedWorkplace,
  saveWorkplace,
  type Focus,
  type Place,
  type SavedWorkplace,
} from './workplace.js';

/**
 * The place a message names: an organisation named in full (a distinctive word alone is not
 * enough to act on, unless the person says it is where they work), else a region, which may be
 * that of every organisation a name fits ("the MSO at Leeds").
 */
function placeNamed({ organisation, region, workplace }: Understanding): Place | undefined {
  if (organisation.kind === 'found' && (organisation.exact || workplace === 'stated'))
    return { organisation: organisation.organisation, region: organisation.organisation.region };
  if (region) return { organisation: undefined, region };
  if (organisation.kind === 'ambiguous') {
    const [first, ...others] = organisation.choices;
    if (first && others.every((choice) => choice.region === first.region))
      return { organisation: undefined, region: first.region, among: organisation.choices };
  }
  return undefined;
}

/** "Where do you work?", saying what is saved now. */
function whereDoYouWork(
  deps: BotDeps,
  saved: SavedWorkplace | undefined,
  options: Omit<Parameters<typeof organisationFormCard>[1], 'savedNow'>,
): AdaptiveCardJson {
  return organisationFormCard(deps.directory.reference, {
    ...options,
    savedNow: saved && describeWorkplace(deps, saved),
  });
}

/** "my regional network" / "my regional lead": for the organisation or region named, else the one saved, else asks. */
const regional =
  (focus: Focus): IntentHandler =>
  async (deps, userId, question) => {
    const place = placeNamed(question);
    const saved = await savedWorkplace(deps, userId);
    if (place) return answerAboutPlace(deps, place, focus, saved);
    if (saved) return answerFromProfile(deps, saved, focus);
    return whereDoYouWork(deps, saved, {
      message: 'Tell me where you work and I will find your regional network. I will remember it for next time.',
      then: intentOf(focus),
    });
  };

/**
 * Questions answered alongside a workplace ("I'm the MSO at Leeds, when is the webinar?"). Only
 * questions: an action (stop reminders, delete my data) is never taken on the back of a statement.
 */
const ALSO_ANSWERED: readonly IntentOrNone[] = [...GENERAL_QUESTIONS, 'buddyJoin', 'buddyStatus', 'dataShow'];

/**
 * A message that names a workplace. Saying it is where one works saves it (*Undo* on the
 * answer); a name alone from someone with nothing saved is saved too (*Not where I work*);
 * anything else is answered for that place and offers *Make this my organisation*. Without a
 * place: "Where do you work?", showing what is saved now.
 */
export const setOrganisation: IntentHandler = async (deps, userId, question) => {
  const { organisation, workplace } = question;
  const focus = focusOf(question.intent);
  const then = intentOf(focus);
  const saved = await savedWorkplace(deps, userId);
  const place = placeNamed(question);
  // "I work at Leeds": which Leeds? A question ("who covers Leeds?") needs no choice if they share a region.
  if (organisation.kind === 'ambiguous' && (workplace !== 'none' || (organisation.exact && !place)))
    return whereDoYouWork(deps, saved, { message: 'Which of these do you mean?', choices: organisation.choices, then });
  if (!place) return whereDoYouWork(deps, saved, { then });

  const remember = workplace === 'stated' || (workplace === 'nameOnly' && !saved);
  const card = remember
    ? await rememberPlace(deps, userId, place, focus, {
        previous: saved,
        takeBack: workplace === 'stated' ? 'undo' : 'notMine',
      })
    : answerAboutPlace(deps, place, focus, saved);
  if (!ALSO_ANSWERED.includes(question.intent)) return card;
  // "I'm the MSO at Leeds, when is the webinar?": the webinar too.
  const alsoAsked: Reply = await deps.intents[question.intent](deps, userId, { ...question, workplace: 'none' });
  return [card, ...[alsoAsked].flat()];
};

/** A reporting question about a suspected adverse reaction (Yellow Card) rather than an incident (LFPSE). */
const ABOUT_A_REACTION = /\b(?:yel+ow\s*c[a-z]*|adverse|reactions?|side[\s-]?effects?|adrs?)\b/i;

/** The network's people, regions and pages, and where an MSO stands. */
export const directoryIntents = {
  regionalNetwork: regional('network'),
  regionalLead: regional('lead'),
  nationalLead: fixedAnswer(({ directory }) => answerCard(directory.answers.nationalLead())),
  steeringGroup: fixedAnswer(({ directory }) => answerCard(directory.answers.steeringGroup())),
  training: fixedAnswer(({ directory }) => answerCard(directory.answers.training())),
  rps: fixedAnswer(({ directory }) => answerCard(directory.answers.rps())),
  networkAbout: fixedAnswer(({ directory }) => answerCard(directory.answers.networkAbout())),
  reporting: ({ directory }, _userId, question) =>
    Promise.resolve(
      answerCard(directory.answers.reporting(ABOUT_A_REACTION.test(question.text) ? 'reaction' : 'incident')),
    ),
  msoRole: fixedAnswer(({ directory }) => answerCard(directory.answers.msoRole())),
  safetyAlerts: fixedAnswer(({ directory }) => answerCard(directory.answers.safetyAlerts())),
  setOrganisation,
} satisfies Partial<Record<Intent, IntentHandler>>;

/**
 * A workplace chosen or typed on a card: saved over `previous` (what the card's handler read as
 * saved), then the question answered in place (the regional answer says what was saved, with *Undo*).
 */
export async function saveProfileAndAnswer(
  deps: BotDeps,
  userId: string,
  place: Place,
  then: Intent,
  previous: SavedWorkplace | undefined,
): Promise<AdaptiveCardJson> {
  if (then !== 'regionalNetwork' && then !== 'regionalLead') {
    await saveWorkplace(deps, userId, place, previous);
    const [first] = await answerQuestion(deps, userId, askedByButton(then));
    if (first) return first;
  }
  return rememberPlace(deps, userId, place, focusOf(then), { previous, takeBack: 'undo' });
}
