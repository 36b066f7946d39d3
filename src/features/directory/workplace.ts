import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { answerCard, type Answer } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import type { Intent, IntentOrNone } from '../questions/intents.js';
import { VERBS } from '../verbs.js';
import { describeReplaced, listed } from './formerOrganisations.js';
import { currentOrganisation, type Organisation } from './organisations.js';
import type { Profile } from './profiles.js';
import type { RegionCode } from './referenceData.js';

/** A place someone named: the organisation when they named one, and always its region. */
export interface Place {
  organisation: Organisation | undefined;
  region: RegionCode;
  /** A name that fits several organisations, all in this region ("Leeds"): those organisations. */
  among?: readonly Organisation[];
}

export type Focus = 'network' | 'lead';

export const focusOf = (intent: IntentOrNone): Focus => (intent === 'regionalLead' ? 'lead' : 'network');
export const intentOf = (focus: Focus): Intent => (focus === 'lead' ? 'regionalLead' : 'regionalNetwork');

/** What a saved profile holds, as the person would say it. */
export interface SavedWorkplace {
  region: RegionCode;
  /** The current organisation's ODS code; none when only a region was given. */
  code: string | undefined;
}

/** What saving the place stores: a former organisation as what took it over; one that was split, as its region. */
function workplaceOf(place: Place): SavedWorkplace {
  const current = place.organisation && currentOrganisation(place.organisation);
  return { region: current?.region ?? place.region, code: current?.code };
}

export const sameWorkplace = (a: SavedWorkplace, b: SavedWorkplace | undefined) =>
  b !== undefined && a.region === b.region && a.code === b.code;

/** What a stored profile holds, as a workplace. */
export const workplaceOfProfile = (profile: Pick<Profile, 'region' | 'organisationCode'>): SavedWorkplace => ({
  region: profile.region,
  code: profile.organisationCode,
});

/** What the person has saved, if anything. */
export async function savedWorkplace(deps: BotDeps, userId: string): Promise<SavedWorkplace | undefined> {
  const profile = await deps.storage.profiles.get(userId);
  return profile && workplaceOfProfile(profile);
}

/** "Leeds Teaching Hospitals NHS Trust (North East and Yorkshire)", or "NHS England London" for a region alone. */
export function describeWorkplace(deps: BotDeps, workplace: SavedWorkplace): string {
  const regionName = deps.directory.reference.region(workplace.region).name;
  const organisation = workplace.code ? deps.directory.organisations.byCode(workplace.code) : undefined;
  return organisation ? `${organisation.name} (${regionName})` : `NHS England ${regionName}`;
}

export const whatItIs = (workplace: SavedWorkplace) => (workplace.code ? 'organisation' : 'region');

/** The regional answer for a place, with the line under it and the buttons that act on it. */
function regionalAnswer(
  deps: BotDeps,
  region: RegionCode,
  focus: Focus,
  note: string | undefined,
  actions: Answer['actions'] = [],
): Answer {
  const answer = deps.directory.answers.regionalNetwork(region, focus, note);
  // Teams shows six buttons: a button about the workplace takes the place of "Change my organisation".
  const asks = actions.length > 0 ? answer.asks.filter((ask) => ask.intent !== 'setOrganisation') : answer.asks;
  return { ...answer, asks, actions };
}

/** The button that saves the place as the person's own, answering in place. */
function makeThisMine(place: Place, focus: Focus): Answer['actions'][number] {
  const then = intentOf(focus);
  const code = place.organisation?.code;
  return code
    ? { title: 'Make this my organisation', verb: VERBS.chooseOrganisation, data: { code, then } }
    : { title: 'Make this my region', verb: VERBS.saveOrganisation, data: { region: place.region, then } };
}

/** "Leeds Teaching Hospitals NHS Trust is in NHS England North East and Yorkshire.", or what replaced a former one. */
function whereItIs(deps: BotDeps, place: Place): string | undefined {
  const { organisation, among = [] } = place;
  const region = `NHS England ${deps.directory.reference.region(place.region).name}`;
  if (!organisation)
    return among.length > 0 ? `${listed(among.map(({ name }) => name))} are all in ${region}.` : undefined;
  return describeReplaced(organisation, deps.directory.reference) ?? `${organisation.name} is in ${region}.`;
}

/**
 * The answer for a place the person asked about rather than gave as their own: nothing is
 * saved, and unless it is already theirs a button makes it so.
 */
export function answerAboutPlace(
  deps: BotDeps,
  place: Place,
  focus: Focus,
  saved: SavedWorkplace | undefined,
  already = '',
): AdaptiveCardJson {
  const theirs = sameWorkplace(workplaceOf(place), saved);
  const note = [whereItIs(deps, place), already].filter(Boolean).join(' ') || undefined;
  return answerCard(regionalAnswer(deps, place.region, focus, note, theirs ? [] : [makeThisMine(place, focus)]));
}

/** How the person may take back a save: *Undo* after they said it, *Not where I work* after a name alone. */
export type TakeBack = 'undo' | 'notMine';

/**
 * Saves the place as where the person works, replacing what was saved, and answers with its
 * regional network saying so, with a button that puts back what was there before.
 */
export async function rememberPlace(
  deps: BotDeps,
  userId: string,
  place: Place,
  focus: Focus,
  { previous, takeBack }: { previous: SavedWorkplace | undefined; takeBack: TakeBack },
): Promise<AdaptiveCardJson> {
  const saved = await saveWorkplace(deps, userId, place, previous);
  return answerCard(savedAnswer(deps, place, focus, { saved, previous, takeBack }));
}

/** Saves the place over `previous`, what the caller read as saved; resolves to what is saved now. */
export async function saveWorkplace(
  deps: BotDeps,
  userId: string,
  place: Place,
  previous: SavedWorkplace | undefined,
): Promise<SavedWorkplace> {
  const saved = workplaceOf(place);
  if (sameWorkplace(saved, previous)) return saved;
  const profile: Profile = {
    userId,
    region: saved.region,
    organisationCode: saved.code,
    updatedAt: new Date().toISOString(),
  };
  await deps.storage.profiles.save(profile);
  deps.logger.info(
    { outcome: 'profile_saved', region: saved.region, organisation: saved.code ?? null },
    'profile saved',
  );
  return saved;
}

/** The regional answer after a save: what was saved (and what it replaced), with the button that takes it back. */
function savedAnswer(
  deps: BotDeps,
  place: Place,
  focus: Focus,
  { saved, previous, takeBack }: { saved: SavedWorkplace; previous: SavedWorkplace | undefined; takeBack: TakeBack },
): Answer {
  const replaced = place.organisation && describeReplaced(place.organisation, deps.directory.reference);
  const unchanged = sameWorkplace(saved, previous);
  const said = unchanged
    ? `${describeWorkplace(deps, saved)} is already saved as your ${whatItIs(saved)}.`
    : `I have saved ${describeWorkplace(deps, saved)} as your ${whatItIs(saved)}${
        previous ? ` in place of ${describeWorkplace(deps, previous)}` : ''
      }.`;
  const undo: Answer['actions'][number] = {
    title: takeBack === 'undo' ? 'Undo' : 'Not where I work',
    verb: VERBS.undoWorkplace,
    data: {
      region: saved.region,
      code: saved.code ?? '',
      previousRegion: previous?.region ?? '',
      previousCode: previous?.code ?? '',
      then: intentOf(focus),
    },
  };
  return regionalAnswer(deps, saved.region, focus, [replaced, said].filter(Boolean).join(' '), unchanged ? [] : [undo]);
}

/** The answer from what the person saved before: "Based on your organisation, …". */
export function answerFromProfile(deps: BotDeps, saved: SavedWorkplace, focus: Focus): AdaptiveCardJson {
  const organisation = saved.code ? deps.directory.organisations.byCode(saved.code) : undefined;
  const note = organisation
    ? `Based on your organisation, ${organisation.name}.`
    : `Based on your region, ${deps.directory.reference.region(saved.region).name}.`;
  return answerCard(regionalAnswer(deps, saved.region, focus, note));
}
