import { renderCard, type AdaptiveCardJson } from '../cards/renderCard.js';
import type { Answer } from '../directory/answers.js';
import type { ReferenceData } from '../directory/referenceData.js';
import type { Organisation } from '../directory/organisations.js';
import type { Intent } from '../nlu/intents.js';
import { COMMANDS, LEAD_COMMANDS, MENU_QUESTIONS } from './commands.js';
import { VERBS } from './verbs.js';

/** The bot's cards with their fixed parts (verbs, command list) filled in once, here. */
export function welcomeCard(): AdaptiveCardJson {
  return renderCard('welcome', { verbs: { showHelp: VERBS.showHelp } });
}

/** The menu; a lead also sees what only leads can do. */
export function helpCard(notUnderstood: boolean, forLead = false): AdaptiveCardJson {
  return renderCard('help', {
    notUnderstood,
    commands: COMMANDS,
    leadCommands: forLead ? LEAD_COMMANDS : [],
    questions: MENU_QUESTIONS,
    verbs: { askQuestion: VERBS.askQuestion },
  });
}

export function answerCard(answer: Answer): AdaptiveCardJson {
  return renderCard('answer', { ...answer, note: answer.note ?? '', verbs: { askQuestion: VERBS.askQuestion } });
}

export interface OrganisationFormOptions {
  heading?: string;
  /** Markdown; escape anything the user typed. */
  message?: string;
  choices?: readonly Organisation[];
  organisation?: string;
  organisationError?: string;
  region?: string;
  regionError?: string;
  then: Intent;
}

/** Asks where the person works: choices when their words matched several, a name box, a region list. */
export function organisationFormCard(reference: ReferenceData, options: OrganisationFormOptions): AdaptiveCardJson {
  return renderCard('organisationForm', {
    heading: options.heading ?? 'Where do you work?',
    message: options.message ?? '',
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
