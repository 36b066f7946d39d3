import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, LEAD_COMMANDS, MENU_QUESTIONS } from '../../../../src/features/questions/commands.js';
import { loadKnowledge, type Knowledge } from '../../../../src/knowledge.js';
import {
  evaluateIntents,
  evaluateOrganisations,
  INTENT_EVALUATIONS,
  loadIntentEvaluation,
  loadOrganisationEvaluation,
  ORGANISATION_EVALUATIONS,
} from '../../../support/nluEvaluation.js';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await loadKnowledge();
});

describe('the intent classifier', () => {
  it.each(INTENT_EVALUATIONS)('understands at least 90%% of the held-out questions in %s', async (file) => {
    const result = await evaluateIntents(knowledge.understand, loadIntentEvaluation(file));

    expect(result.total).toBeGreaterThan(200);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it.each([...COMMANDS, ...LEAD_COMMANDS].map((command) => [command.title, command.intent] as const))(
    'understands the command %j',
    async (title, intent) => {
      expect((await knowledge.understand(title)).intent).toBe(intent);
    },
  );

  it.each(MENU_QUESTIONS.map((question) => [question.title, question.intent] as const))(
    'understands the menu question %j',
    async (title, intent) => {
      expect((await knowledge.understand(title)).intent).toBe(intent);
    },
  );

  it.each(['', '   ', '?!', 'x'.repeat(10_000)])('does not guess at %j', async (text) => {
    expect((await knowledge.understand(text)).intent).toBe('None');
  });
});

describe('organisation lookup on names as people type them', () => {
  it.each(ORGANISATION_EVALUATIONS)(
    'places at least 90 percent of %s in the right organisation and region without asking',
    (file) => {
      const result = evaluateOrganisations(knowledge.directory.organisations, loadOrganisationEvaluation(file));

      expect(result.total).toBeGreaterThanOrEqual(40);
      expect(result.regionAccuracy).toBeGreaterThanOrEqual(0.9);
    },
  );
});
