import { createRequire } from 'node:module';

interface SerializationContext {
  eventCount: number;
  getEventAt(index: number): { message: string };
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context: SerializationContext): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => SerializationContext;
}

// The UMD bundle loads in plain Node without a DOM (the ESM build does not).
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.min.js') as AdaptiveCardsModule;

/** Every problem the official Adaptive Cards parser reports for a card (empty when valid). */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}
