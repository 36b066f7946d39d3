/** An element of an Adaptive Card as the tests read it: any JSON object. */
export type CardElement = Record<string, unknown>;

/** Every element of a card (body, columns, actions, choices), depth first. */
export function elementsOf(card: unknown): CardElement[] {
  const found: CardElement[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      found.push(node as CardElement);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The card's inputs and their values, as Teams would send them back with a button's data. */
export function valuesOf(card: unknown): Record<string, string> {
  return Object.fromEntries(
    elementsOf(card)
      .filter((element) => typeof element.type === 'string' && element.type.startsWith('Input.'))
      .map((element): [string, string] => [String(element.id), typeof element.value === 'string' ? element.value : '']),
  );
}

/** The data of the card's first button for a verb. */
export function buttonData(card: unknown, verb: string): Record<string, unknown> | undefined {
  return elementsOf(card).find((element) => element.verb === verb)?.data as Record<string, unknown> | undefined;
}
