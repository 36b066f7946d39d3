import type { Directory } from '../directory/directory.js';
import type { OrganisationLookup } from '../directory/organisations.js';
import type { RegionCode } from '../directory/referenceData.js';
import { correctsWorkplace, type WorkplaceMention } from '../directory/workplaceMention.js';
import type { IntentClassifier } from './intentClassifier.js';
import type { IntentOrNone } from './intents.js';
import { prepareText, withoutMentions } from './prepareText.js';
import { isSmallTalk } from './smallTalk.js';
import { asksTheLead } from '../support/askForm.js';

/** What a message means: its intent, and the organisation and region it names, found once. */
export interface Understanding {
  intent: IntentOrNone;
  score: number;
  /** The message with mentions, greetings and politeness set aside (small talk keeps its words). */
  text: string;
  organisation: OrganisationLookup;
  region: RegionCode | undefined;
  /** Whether the message says the place it names is where the person works. */
  workplace: WorkplaceMention;
}

export type Understand = (text: string) => Promise<Understanding>;

/** Questions are short; longer text is cut, which bounds the work a message can cause. */
const MAX_CHARS = 500;

/** The features the classifier learns from and classifies: prepared, then delexicalised. */
export function featuresOf(directory: Directory, text: string): string {
  return directory.analyse(prepareText(text)).delexicalised;
}

export function createUnderstand(directory: Directory, classifier: IntentClassifier): Understand {
  return async (raw) => {
    const said = withoutMentions(raw.slice(0, MAX_CHARS));
    const text = prepareText(said);
    const analysis = directory.analyse(text);
    // Small talk is read from all its words ("thanks" is set aside from `text` as politeness);
    // saying where one works and nothing else needs no classifier ("I work at Leeds" is not "help").
    const smallTalk = isSmallTalk(said);
    // "undo" typed instead of pressed: the card that shows (and changes) where they work.
    const { intent, score } = smallTalk
      ? { intent: 'smallTalk' as const, score: 1 }
      : analysis.onlyStatesWorkplace || correctsWorkplace(said)
        ? { intent: 'setOrganisation' as const, score: 1 }
        : asksTheLead(text)
          ? { intent: 'askLead' as const, score: 1 }
          : await classifier.classifyFeatures(analysis.delexicalised);
    const { organisation, region, workplace } = analysis;
    return { intent, score, text: smallTalk ? said : text, organisation, region, workplace };
  };
}
