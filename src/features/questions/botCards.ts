import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { Intent } from './intents.js';
import { COMMANDS, LEAD_COMMANDS, MENU_QUESTIONS, type CommandInfo } from './commands.js';
import { VERBS } from '../verbs.js';

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    welcome: { verbs: { showHelp: string } };
    help: {
      notUnderstood: boolean;
      commands: readonly CommandInfo[];
      /** Shown to the leads only. */
      leadCommands: readonly CommandInfo[];
      questions: readonly { title: string; intent: Intent }[];
      verbs: { askQuestion: string };
    };
  }
}

registerCardTemplates('questions', ['welcome', 'help']);

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
