import { DateTime } from 'luxon';
import { icbShortName } from './odsImport/odsNames.js';
import type { Organisation } from './organisations.js';
import type { ReferenceData } from './referenceData.js';

/** "A, B and C". */
export function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * What became of an organisation that no longer exists, said the way people say it: "NHS Frimley
 * ICB was dissolved on 1 April 2026; its area is now in NHS Thames Valley, NHS Surrey and Sussex
 * and NHS Hampshire and Isle of Wight ICBs, all in NHS England South East." Nothing for one that exists.
 */
export function describeReplaced(organisation: Organisation, reference: ReferenceData): string | undefined {
  const { replaced } = organisation;
  if (!replaced) return undefined;
  const on = DateTime.fromISO(replaced.on).toFormat('d MMMM yyyy');
  const region = `NHS England ${reference.region(organisation.region).name}`;
  const where = replaced.by.length > 1 ? `all in ${region}` : `in ${region}`;
  if (organisation.kind === 'icb') {
    const names = replaced.by.map((icb) => `NHS ${icbShortName(icb.name)}`);
    return `NHS ${icbShortName(organisation.name)} ICB was dissolved on ${on}; its area is now in ${listed(names)} ${names.length > 1 ? 'ICBs' : 'ICB'}, ${where}.`;
  }
  const names = replaced.by.map((trust) => trust.name);
  return replaced.by.length > 1
    ? `${organisation.name} was split on ${on} between ${listed(names)}, ${where}.`
    : `${organisation.name} became part of ${listed(names)} on ${on}, ${where}.`;
}
