import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { Intent } from '../questions/intents.js';
import { VERBS } from '../verbs.js';
import type { Organisation } from './organisations.js';
import type { ReferenceData } from './referenceData.js';

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    organisationForm: {
      heading: string;
      /** Markdown: text the user typed must be escaped before it goes here. */
      message: string;
      /** What the person has saved now, if anything ("Leeds Teaching Hospitals NHS Trust (North East and Yorkshire)"). */
      savedNow: string;
      choices: readonly { title: string; code: string }[];
      organisation: string;
      organisationError: string;
      region: string;
      regionError: string;
      regions: readonly { title: string; value: string }[];
      /** The question to answer once the organisation is known. */
      then: string;
      verbs: { chooseOrganisation: string; saveOrganisation: string };
    };
  }
}

registerCardTemplates('directory', ['organisationForm']);

export interface OrganisationFormOptions {
  heading?: string;
  /** Markdown; escape anything the user typed. */
  message?: string;
  savedNow?: string | undefined;
  choices?: readonly Organisation[];
  organisation?: string;
  organisationError?: string;
  region?: string;
  regionError?: string;
  then: Intent;
}

/** Asks where the person works, saying what is saved now: choices when their words matched several, a name box, a region list. */
export function organisationFormCard(reference: ReferenceData, options: OrganisationFormOptions): AdaptiveCardJson {
  return renderCard('organisationForm', {
    heading: options.heading ?? 'Where do you work?',
    message: options.message ?? '',
    savedNow: options.savedNow ?? '',
    choices: (options.choices ?? []).map((choice) => ({
      title: `${choice.name} (${reference.region(choice.region).name})`,
      code: choice.code,
    })),
    organisation: options.organisation ?? '',
    organisationError: options.organisationError ?? '',
    region: options.region ?? '',
    regionError: options.regionError ?? '',
    regions: reference.regions.map((region) => ({ title: region.name, value: region.code })),
    then: options.then,
    verbs: { chooseOrganisation: VERBS.chooseOrganisation, saveOrganisation: VERBS.saveOrganisation },
  });
}
