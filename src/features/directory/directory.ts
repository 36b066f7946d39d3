import { Answers } from './answers.js';
import type { NetworkDirectory } from './networkDirectory.js';
import { createOrganisationFinder, type OrganisationFinder, type OrganisationLookup } from './organisations.js';
import { PhraseIndex, tokenise } from './phraseIndex.js';
import type { ReferenceData, RegionCode } from './referenceData.js';
import {
  isNameOnly,
  otherClauses,
  statesWorkplace,
  withoutFormerWorkplace,
  type WorkplaceMention,
} from './workplaceMention.js';

/** Everything the bot knows about MSO support: the network directory plus the public reference data. */
export interface Directory {
  network: NetworkDirectory;
  reference: ReferenceData;
  organisations: OrganisationFinder;
  answers: Answers;
  /** The organisation and region a text names, and the text with them replaced by marker words. */
  analyse(text: string): TextAnalysis;
}

export interface TextAnalysis {
  organisation: OrganisationLookup;
  region: RegionCode | undefined;
  /**
   * The text with the organisation or region it names replaced by a marker word, for the intent
   * classifier: it learns "I work at <organisation>" rather than every trust's name. When the text
   * says where the person works and asks something else too, only the something else.
   */
  delexicalised: string;
  /** Whether the text says the place it names is where the person works (see `WorkplaceMention`). */
  workplace: WorkplaceMention;
  /**
   * The text says where the person works (or that it changed: "I've just started at a different
   * trust") and asks nothing else, so it needs no classifier.
   */
  onlyStatesWorkplace: boolean;
}

const ORGANISATION_MARKER = 'zzorganisation';
const REGION_MARKER = 'zzregion';

export function createDirectory(network: NetworkDirectory, reference: ReferenceData): Directory {
  const regions = new PhraseIndex<RegionCode>();
  for (const region of reference.regions) {
    for (const phrase of [region.name, ...region.synonyms]) regions.add(region.code, phrase);
  }
  /** The one region a text names ("the North West", "Yorkshire", "NEY"), if exactly one. */
  const regionMention = (text: string) => {
    const [best, second] = regions.search(text).filter((match) => match.exact);
    if (!best || (second && second.score === best.score)) return undefined;
    return best;
  };
  const organisations = createOrganisationFinder(reference);
  return {
    network,
    reference,
    organisations,
    answers: new Answers(network, reference),
    analyse(text) {
      const states = statesWorkplace(text);
      // "I used to work at Leeds but I've moved to the Christie": the Christie.
      const current = states ? withoutFormerWorkplace(text) : text;
      const organisation = organisations.find(current);
      const region = regionMention(current);
      const organisationWords = new Set(
        organisation.kind !== 'unknown' && organisation.exact ? organisation.words : [],
      );
      const regionWords = new Set(region?.words ?? []);
      // Loosely named too ("Leeds", which fits three trusts): the answer then asks which.
      const nameWords = new Set([...(organisation.kind === 'unknown' ? [] : organisation.words), ...regionWords]);
      const workplace: WorkplaceMention =
        nameWords.size > 0 && states
          ? 'stated'
          : nameWords.size > 0 && isNameOnly(text, nameWords)
            ? 'nameOnly'
            : 'none';
      // "I work at Leeds, who is my lead?": the classifier reads what else was asked, if anything.
      const rest = states ? otherClauses(text, nameWords) : '';
      const asked = rest || text;
      const out: string[] = [];
      for (const word of tokenise(asked)) {
        const replacement = organisationWords.has(word)
          ? ORGANISATION_MARKER
          : regionWords.has(word)
            ? REGION_MARKER
            : word;
        if (replacement !== word && out.at(-1) === replacement) continue;
        out.push(replacement);
      }
      return {
        organisation,
        region: region?.item,
        delexicalised: out.join(' '),
        workplace,
        onlyStatesWorkplace: states && rest === '',
      };
    },
  };
}
