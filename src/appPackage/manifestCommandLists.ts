import { COMMANDS, type CommandInfo } from '../features/questions/commands.js';
import type { Intent } from '../features/questions/intents.js';
import { PackagingError } from './packagingError.js';

/** Teams shows at most 10 commands per list (the documented limit; older schemas enforce it). */
export const MAX_COMMANDS_PER_LIST = 10;

type Scope = 'personal' | 'team' | 'groupChat';

/**
 * Which of the bot's commands Teams suggests, and where. Chosen by intent, so a reworded title
 * still maps; the titles and descriptions come from COMMANDS. In a personal chat: everything but
 * "buddy scheme" (its question is answered by "join the buddy scheme" too). In a team or group
 * chat: the network-wide questions only, because the "my ..." ones depend on who asks and are
 * better asked in a personal chat.
 */
export const MANIFEST_COMMAND_INTENTS: readonly { scopes: readonly Scope[]; intents: readonly Intent[] }[] = [
  {
    scopes: ['personal'],
    intents: [
      'regionalNetwork',
      'regionalLead',
      'nationalLead',
      'buddyJoin',
      'steeringGroup',
      'webinar',
      'training',
      'askLead',
      'setOrganisation',
      'help',
    ],
  },
  {
    scopes: ['team', 'groupChat'],
    intents: [
      'nationalLead',
      'buddyAbout',
      'steeringGroup',
      'webinar',
      'training',
      'rps',
      'remindersStop',
      'remindersStart',
      'help',
    ],
  },
];

export interface ManifestCommandList {
  scopes: Scope[];
  commands: { title: string; description: string }[];
}

/** The bot's commandLists for the manifest, built from COMMANDS; throws naming an unknown intent. */
export function manifestCommandLists(
  plan: typeof MANIFEST_COMMAND_INTENTS = MANIFEST_COMMAND_INTENTS,
  commands: readonly CommandInfo[] = COMMANDS,
): ManifestCommandList[] {
  return plan.map(({ scopes, intents }) => {
    if (intents.length > MAX_COMMANDS_PER_LIST) {
      throw new PackagingError(
        `The ${scopes.join('/')} command list has ${intents.length} commands; Teams allows at most ${MAX_COMMANDS_PER_LIST}`,
      );
    }
    return {
      scopes: [...scopes],
      commands: intents.map((intent) => {
        const command = commands.find((candidate) => candidate.intent === intent);
        if (!command) {
          throw new PackagingError(
            `No command in src/features/questions/commands.ts has the intent "${intent}" listed for the ${scopes.join('/')} command list`,
          );
        }
        return { title: command.title, description: command.description };
      }),
    };
  });
}
