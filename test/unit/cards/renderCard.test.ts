import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/bot/commands.js';
import { VERBS } from '../../../src/bot/verbs.js';
import { CARD_NAMES, renderCard, type CardData, type CardName } from '../../../src/cards/renderCard.js';
import { cardProblems } from '../../support/validateCard.js';

/** Sample data for every template; the type makes a new template without samples a compile error. */
const samples: { [N in CardName]: CardData[N][] } = {
  welcome: [{ verbs: { showHelp: VERBS.showHelp } }],
  help: [
    { notUnderstood: false, commands: COMMANDS },
    { notUnderstood: true, commands: COMMANDS },
  ],
  apology: [{ reference: 'incoming-1234' }],
};

function render<N extends CardName>(name: N, data: CardData[N]) {
  return renderCard(name, data);
}

describe('card templates', () => {
  it('are exactly the templates in cards/', () => {
    const files = readdirSync(new URL('../../../cards/', import.meta.url)).filter((file) => file.endsWith('.json'));

    expect(files.map((file) => file.replace(/\.json$/, '')).sort()).toEqual([...CARD_NAMES].sort());
  });

  describe.each(CARD_NAMES.flatMap((name) => samples[name].map((data, index) => ({ name, index, data }))))(
    '$name (sample $index)',
    ({ name, data }) => {
      const card = render(name, data as never);

      it('leaves no template expression unfilled', () => {
        expect(JSON.stringify(card)).not.toContain('${');
      });

      it('is a valid Adaptive Card 1.5', () => {
        expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
        expect(cardProblems(card)).toEqual([]);
      });
    },
  );

  it('shows "did not understand" on the help card only when asked to', () => {
    expect(JSON.stringify(renderCard('help', { notUnderstood: true, commands: COMMANDS }))).toContain('did not understand');
    expect(JSON.stringify(renderCard('help', { notUnderstood: false, commands: COMMANDS }))).not.toContain('did not understand');
  });

  it('lists every command on the help card', () => {
    const card = JSON.stringify(renderCard('help', { notUnderstood: false, commands: COMMANDS }));

    for (const command of COMMANDS) expect(card).toContain(command.description);
  });

  it('puts the verb constant on the welcome card button', () => {
    const card = renderCard('welcome', { verbs: { showHelp: VERBS.showHelp } });

    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: VERBS.showHelp })]);
  });
});

describe('the card validator', () => {
  it('reports an element type that Adaptive Cards does not have', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }] })).not.toEqual([]);
  });
});
