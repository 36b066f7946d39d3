import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { Intent } from './intents.js';
import { COMMANDS, LEAD_COMMANDS, MENU_QUESTIONS, type CommandInfo } from './commands.js';
import { VERBS } from '../verbs.js';
import { SUPPORT_TEXT_MAX } from '../support/supportScheme.js';

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    welcome: { verbs: { showHelp: string } };
    smallTalk: { reply: string; verbs: { showHelp: string } };
    help: {
      /** The line above the menu: "Sorry, I did not understand that.", a greeting back, or none. */
      opening: string;
      commands: readonly CommandInfo[];
      /** Shown to the leads only. */
      leadCommands: readonly CommandInfo[];
      questions: readonly { title: string; intent: Intent }[];
      /** A message not understood, offered to the national lead as a question; '' for none. */
      askAbout: string;
      verbs: { askQuestion: string; askNationalLead: string };
    };
  }
}

registerCardTemplates('questions', ['welcome', 'help', 'smallTalk']);

/** The bot's cards with their fixed parts (verbs, command list) filled in once, here. */
export function welcomeCard(): AdaptiveCardJson {
  return renderCard('welcome', { verbs: { showHelp: VERBS.showHelp } });
}

/** Why the menu is shown: asked for, said hello, or a message not understood. */
export type HelpOpening = 'asked' | 'greeted' | 'notUnderstood';

const OPENINGS: Record<HelpOpening, string> = {
  asked: '',
  greeted: 'Hello! I answer questions about the support there is for MSOs.',
  notUnderstood: 'Sorry, I did not understand that.',
};

/** The menu; a lead also sees what only leads can do. `askAbout`: a question not understood, to offer to the national lead. */
export function helpCard(opening: HelpOpening, forLead = false, askAbout = ''): AdaptiveCardJson {
  return renderCard('help', {
    opening: OPENINGS[opening],
    commands: COMMANDS,
    leadCommands: forLead ? LEAD_COMMANDS : [],
    questions: MENU_QUESTIONS,
    askAbout: askAbout.slice(0, SUPPORT_TEXT_MAX),
    verbs: { askQuestion: VERBS.askQuestion, askNationalLead: VERBS.askNationalLead },
  });
}

/** A short friendly reply to "thanks", "great", "bye", with the way back to the menu. */
export function smallTalkCard(reply: string): AdaptiveCardJson {
  return renderCard('smallTalk', { reply, verbs: { showHelp: VERBS.showHelp } });
}
