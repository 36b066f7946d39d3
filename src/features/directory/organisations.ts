import { PhraseIndex } from './phraseIndex.js';
import type { FormerOrganisation, ReferenceData, RegionCode } from './referenceData.js';

/** A trust or ICB an MSO may work for, with where it sits. */
export interface Organisation {
  code: string;
  name: string;
  kind: 'trust' | 'icb';
  region: RegionCode;
  /** Set when it no longer exists: from when, and what took it over (several when it was split). */
  replaced?: { on: string; by: readonly Organisation[] };
}

/** What an organisation is today: itself, or the one organisation that took it over. */
export function currentOrganisation(organisation: Organisation): Organisation | undefined {
  const { replaced } = organisation;
  if (!replaced) return organisation;
  return replaced.by.length === 1 ? replaced.by[0] : undefined;
}

/**
 * `exact`: a name, short form or code matched in full, not just a distinctive word.
 * `words`: the words of the text that name the organisation(s).
 */
export type OrganisationLookup =
  | { kind: 'found'; organisation: Organisation; exact: boolean; words: string[] }
  | { kind: 'ambiguous'; choices: Organisation[]; exact: boolean; words: string[] }
  | { kind: 'unknown' };

export interface OrganisationFinder {
  /** Reads an organisation out of free text: a name, a short form, an ODS code, with typing slips. */
  find(text: string): OrganisationLookup;
  byCode(code: string): Organisation | undefined;
}

const MAX_CHOICES = 5;
/** An ODS code as the bot keeps it: three to five capitals or digits. */
export const ODS_CODE = /^[A-Z0-9]{3,5}$/;

/** Every organisation with the phrases that name it: names, short forms, former names, sites. */
export function organisationPhrases(reference: ReferenceData): { organisation: Organisation; phrases: string[] }[] {
  const entries = new Map<string, { organisation: Organisation; phrases: string[] }>();
  const add = (organisation: Organisation, phrases: readonly string[]) =>
    entries.set(organisation.code, { organisation, phrases: [...phrases] });
  for (const { code, name, region, shortForms, formerNames } of reference.trusts) {
    add({ code, name, kind: 'trust', region }, [name, ...shortForms, ...formerNames]);
  }
  for (const site of reference.sites) entries.get(site.trust)?.phrases.push(site.name, ...site.aliases);
  for (const { code, name, region, shortName, synonyms } of reference.icbs) {
    add({ code, name, kind: 'icb', region }, [name, shortName, ...synonyms]);
  }
  // Former ICBs and trusts: people still say the old names and codes.
  const addFormer = (
    { code, name, region, replacedOn, successors, shortForms }: FormerOrganisation,
    kind: Organisation['kind'],
  ) => {
    const by = successors
      .map((successor) => entries.get(successor)?.organisation)
      .filter((known) => known !== undefined);
    add({ code, name, kind, region, replaced: { on: replacedOn, by } }, [name, ...shortForms]);
  };
  for (const former of reference.formerIcbs) addFormer(former, 'icb');
  for (const former of reference.formerTrusts) addFormer(former, 'trust');
  return [...entries.values()];
}

/** The one organisation whose ODS code the text gives ("RR8", "QOP": capitals or a digit, so that "ran" is not RAN). */
export function codedOrganisation(text: string, byCode: ReadonlyMap<string, Organisation>): Organisation | undefined {
  const codes = text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => ODS_CODE.test(word) || (/\d/.test(word) && ODS_CODE.test(word.toUpperCase())));
  const coded = [...new Set(codes.map((code) => byCode.get(code.toUpperCase())).filter((org) => org !== undefined))];
  return coded.length === 1 ? coded[0] : undefined;
}

export function createOrganisationFinder(reference: ReferenceData): OrganisationFinder {
  const byCode = new Map<string, Organisation>();
  const index = new PhraseIndex<Organisation>();
  for (const { organisation, phrases } of organisationPhrases(reference)) {
    byCode.set(organisation.code, organisation);
    for (const phrase of phrases) index.add(organisation, phrase);
  }

  return {
    byCode: (code) => byCode.get(code.toUpperCase()),
    find(text) {
      const coded = codedOrganisation(text, byCode);
      if (coded) return { kind: 'found', organisation: coded, exact: true, words: [coded.code.toLowerCase()] };
      const matches = index.search(text);
      const top = matches[0];
      if (top) {
        const tied = withoutSuccessorsOfFormer(
          preferKindAsked(
            text,
            matches.filter((match) => match.score >= top.score),
          ),
        );
        const words = [...new Set(tied.flatMap((match) => match.words))];
        // One word typed with a slip ("listen" for "the Lister") is a guess, not a name given in full.
        const exact = tied.every((match) => match.exact || match.words.length > 1);
        if (tied.length === 1 && tied[0]) return { kind: 'found', organisation: tied[0].item, exact, words };
        return { kind: 'ambiguous', choices: tied.slice(0, MAX_CHOICES).map((match) => match.item), exact, words };
      }
      const partial = preferKindAsked(text, index.searchPartial(text));
      const words = [...new Set(partial.flatMap((match) => match.words))];
      // A place name only one organisation uses ("Colchester", "Taunton") is as good as its name.
      if (partial.length === 1 && partial[0])
        return { kind: 'found', organisation: partial[0].item, exact: false, words };
      if (partial.length > 0)
        return {
          kind: 'ambiguous',
          choices: partial.slice(0, MAX_CHOICES).map((match) => match.item),
          exact: false,
          words,
        };
      return { kind: 'unknown' };
    },
  };
}

/**
 * Trusts and ICBs share place names ("Cambridgeshire and Peterborough"): "ICB" in the text means
 * the ICB, otherwise people name their trust. Keeps the preferred kind when any is present.
 */
export function preferKindAsked<M extends { item: Organisation }>(text: string, matches: M[]): M[] {
  const kind = /\b(icb|integrated care board|ccg)\b/i.test(text) ? 'icb' : 'trust';
  const preferred = matches.filter((match) => match.item.kind === kind);
  return preferred.length > 0 ? preferred : matches;
}

/**
 * "North Bristol NHS Trust" names both the former trust and, through its sites, the one that took
 * it over: the former one is kept, so the answer can say what happened to it.
 */
export function withoutSuccessorsOfFormer<M extends { item: Organisation }>(matches: M[]): M[] {
  const successors = new Set(
    matches.flatMap((match) => (match.item.replaced?.by.length === 1 ? match.item.replaced.by : [])),
  );
  return matches.filter((match) => !successors.has(match.item));
}
