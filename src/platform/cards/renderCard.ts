import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * What each template in cards/ is filled with, by template name. This module declares the
 * shared templates; each feature adds its own next to the code that renders them
 * (`declare module '.../renderCard.js' { interface CardData { … } }`), so a card's data type
 * lives with its feature and this module imports none of them.
 */
export interface CardData {
  apology: { reference: string };
  confirm: {
    title: string;
    paragraphs: readonly string[];
    facts: readonly { title: string; value: string }[];
    /** False once done (or when there is nothing to do): the button goes. */
    confirmable: boolean;
    confirmTitle: string;
    /** `destructive` for an erasure. */
    confirmStyle: 'positive' | 'destructive';
    verb: string;
    /** What the handler needs back, such as an id made when the card was shown (so a double click acts once). */
    data: Readonly<Record<string, string>>;
  };
}

export type CardName = keyof CardData;

/** An expanded Adaptive Card, ready to attach to an activity or return from an invoke. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  [property: string]: unknown;
}

const CARDS_DIR = new URL('../../../cards/', import.meta.url);

interface Template {
  expand(context: { $root: unknown }): unknown;
}
// Loaded untyped on purpose: the package's declarations import the adaptivecards TypeScript
// sources, which do not compile under this project's strict settings.
const { Template } = createRequire(import.meta.url)('adaptivecards-templating') as {
  Template: new (payload: unknown) => Template;
};

// Read once, as each module that renders them loads; a Template is not changed by expanding it.
const templates = new Map<CardName, Template>();

/**
 * Reads templates from `cards/<folder>/<name>.json`. Each card module calls this once, for the
 * templates it renders; a missing file fails at load, not at the first render.
 */
export function registerCardTemplates(folder: string, names: readonly CardName[]): void {
  for (const name of names) {
    templates.set(name, new Template(JSON.parse(readFileSync(new URL(`${folder}/${name}.json`, CARDS_DIR), 'utf8'))));
  }
}

/** The templates registered so far (every one, once the app's modules have loaded). */
export function registeredCardNames(): CardName[] {
  return [...templates.keys()];
}

registerCardTemplates('common', ['apology', 'confirm']);

/** The one way to make a card: a template from cards/ filled with typed data. */
export function renderCard<N extends CardName>(name: N, data: CardData[N]): AdaptiveCardJson {
  const template = templates.get(name);
  if (!template) throw new Error(`No card template named ${name}`);
  return template.expand({ $root: data }) as AdaptiveCardJson;
}
