import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, MENU_QUESTIONS } from '../../../src/bot/commands.js';
import { loadKnowledge, type Knowledge } from '../../../src/knowledge.js';
import { evaluateIntents, evaluateOrganisations, loadIntentEvaluation, loadOrganisationEvaluation } from '../../support/nluEvaluation.js';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await loadKnowledge();
});

describe('the intent classifier', () => {
  it('understands at least 90% of the held-out questions it was not trained on', async () => {
    const result = await evaluateIntents(knowledge.classifier, loadIntentEvaluation());

    expect(result.total).toBeGreaterThan(200);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it.each(COMMANDS.map((command) => [command.title, command.intent] as const))('understands the command %j', async (title, intent) => {
    expect((await knowledge.classifier.classify(title)).intent).toBe(intent);
  });

  it.each(MENU_QUESTIONS.map((question) => [question.title, question.intent] as const))('understands the menu question %j', async (title, intent) => {
    expect((await knowledge.classifier.classify(title)).intent).toBe(intent);
  });

  it.each(['', '   ', '?!', 'x'.repeat(10_000)])('does not guess at %j', async (text) => {
    expect((await knowledge.classifier.classify(text)).intent).toBe('None');
  });
});

describe('organisation lookup on names as people type them', () => {
  it('places at least 90% in the right region without asking', () => {
    const result = evaluateOrganisations(knowledge.directory.organisations, loadOrganisationEvaluation());

    expect(result.total).toBeGreaterThan(80);
    expect(result.regionAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
