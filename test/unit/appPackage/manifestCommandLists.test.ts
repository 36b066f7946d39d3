import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/features/questions/commands.js';
import { manifestCommandLists, MAX_COMMANDS_PER_LIST } from '../../../src/appPackage/manifestCommandLists.js';
import { PackagingError } from '../../../src/appPackage/packagingError.js';
import { loadKnowledge, type Knowledge } from '../../../src/knowledge.js';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await loadKnowledge();
});

const lists = manifestCommandLists();
const manifestCommands = lists.flatMap((list) =>
  list.commands.map((command) => [list.scopes.join('/'), command.title] as const),
);

describe('the manifest command lists', () => {
  it('give the personal chat, and teams and group chats, a list each', () => {
    expect(lists.map((list) => list.scopes)).toEqual([['personal'], ['team', 'groupChat']]);
  });

  it('keep within what Teams shows: at most 10 commands a list, titles of 32 characters', () => {
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_LIST);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  it.each(manifestCommands)('offers in %s a command the bot understands as its intent: %j', async (_scopes, title) => {
    const command = COMMANDS.find((candidate) => candidate.title === title);

    expect(command).toBeDefined();
    expect((await knowledge.understand(title)).intent).toBe(command?.intent);
  });

  it('refuses an intent no command has, naming it', () => {
    expect(() => manifestCommandLists([{ scopes: ['personal'], intents: ['dataDelete'] }], [])).toThrow(
      new PackagingError(
        'No command in src/features/questions/commands.ts has the intent "dataDelete" listed for the personal command list',
      ),
    );
  });

  it('refuses a list longer than Teams allows', () => {
    const intents = COMMANDS.map((command) => command.intent).slice(0, MAX_COMMANDS_PER_LIST + 1);

    expect(intents).toHaveLength(MAX_COMMANDS_PER_LIST + 1);
    expect(() => manifestCommandLists([{ scopes: ['personal'], intents }])).toThrow(
      /has 11 commands; Teams allows at most 10/,
    );
  });
});
