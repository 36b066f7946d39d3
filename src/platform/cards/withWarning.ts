import type { AdaptiveCardJson } from './renderCard.js';

/** The card with a warning line under its title (the first element of its body). */
export function withWarning(card: AdaptiveCardJson, warning: string): AdaptiveCardJson {
  const body = Array.isArray(card.body) ? (card.body as unknown[]) : [];
  const line = { type: 'TextBlock', text: warning, color: 'Warning', wrap: true };
  return { ...card, body: [...body.slice(0, 1), line, ...body.slice(1)] };
}
