import type { AdaptiveCardJson } from '../platform/cards/renderCard.js';
import type { Storage } from '../storage.js';
import type { BotDeps } from './botDeps.js';
import type { CardAction } from './cardAction.js';
import type { IntentOrNone } from './questions/intents.js';
import type { Understanding } from './questions/understand.js';

/** One card, or several (a lead's pending requests, one card each). */
export type Reply = AdaptiveCardJson | AdaptiveCardJson[];

/** Answers one intent for the person asking (their records are keyed on `userId`). */
export type IntentHandler = (deps: BotDeps, userId: string, question: Understanding) => Promise<Reply>;

/** An intent whose answer is the same card for everyone (from the directory, say). */
export function fixedAnswer(answer: (deps: BotDeps) => AdaptiveCardJson): IntentHandler {
  return (deps) => Promise.resolve(answer(deps));
}

/** A heading and its facts on the "what do you hold about me" card. */
export interface DataSection {
  heading: string;
  facts: { title: string; value: string }[];
}

/** Whom to erase, and how they are known everywhere. */
export interface ErasureRequest {
  /** Every id the person is known by: Entra and Teams ids, their chat, and each feature's `aliases`. */
  ids: ReadonlySet<string>;
  userId: string;
  /** Their personal chat with the bot, if they have one. */
  chatId: string | undefined;
  /** What their ids become where a record must stay (another person's request, the audit table). */
  pseudonym: string;
  now: Date;
}

/**
 * A feature's contract with the rest of the bot: what it answers, which card verbs it handles,
 * and its part in privacy (what it holds about a person, how it erases them, what retention
 * removes). `app.ts` lists the features; a new feature is a folder and one line there.
 */
export interface Feature {
  name: string;
  /** The intents it answers. Every intent is answered by exactly one feature (checked at start-up). */
  intents?: Partial<Record<IntentOrNone, IntentHandler>>;
  /** Its card verbs, one handler file each. */
  actions?: readonly CardAction[];
  /** Other ids it knows the person by (such as their buddy request ids), so audit entries about those are found too. */
  aliases?(deps: BotDeps, userId: string): Promise<string[]>;
  /** What it holds about the person, for "what do you hold about me". */
  myData?(deps: BotDeps, userId: string): Promise<DataSection[]>;
  /**
   * Erases the person: their own records go, their ids in other records become the pseudonym.
   * Resolves to how many other people were told (a buddy, that the pairing ended).
   */
  erase?(deps: BotDeps, person: ErasureRequest): Promise<number>;
  /** Removes what is older than the cutoff and no longer needed; counts by kind of record. */
  retention?(storage: Storage, cutoff: Date): Promise<Record<string, number>>;
}

/** Intent -> the one feature handler that answers it; throws naming an intent answered twice or not at all. */
export function intentTable(
  features: readonly Feature[],
  intents: readonly IntentOrNone[],
): Readonly<Record<IntentOrNone, IntentHandler>> {
  const table = new Map<IntentOrNone, IntentHandler>();
  for (const feature of features) {
    for (const [intent, handler] of Object.entries(feature.intents ?? {}) as [IntentOrNone, IntentHandler][]) {
      if (table.has(intent))
        throw new Error(`The intent ${intent} is answered by two features (one is ${feature.name})`);
      table.set(intent, handler);
    }
  }
  const missing = intents.filter((intent) => !table.has(intent));
  if (missing.length > 0) throw new Error(`No feature answers the intent(s) ${missing.join(', ')}`);
  return Object.fromEntries(table) as Record<IntentOrNone, IntentHandler>;
}

/** Verb -> the one handler for it; throws naming a verb handled twice. */
export function actionTable(features: readonly Feature[]): ReadonlyMap<string, CardAction> {
  const table = new Map<string, CardAction>();
  for (const action of features.flatMap((feature) => feature.actions ?? [])) {
    if (table.has(action.verb)) throw new Error(`The card verb ${action.verb} is handled twice`);
    table.set(action.verb, action);
  }
  return table;
}
