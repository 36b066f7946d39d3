import { describe, expect, it } from 'vitest';
import { createOrganisationFinder } from '../../../../src/features/directory/organisations.js';
import { loadReferenceData } from '../../../../src/features/directory/referenceData.js';

const finder = createOrganisationFinder(loadReferenceData());

function found(text: string): string | undefined {
  const lookup = finder.find(text);
  return lookup.kind === 'found' ? lookup.organisation.code : undefined;
}

describe('finding an organisation in what someone typed', () => {
  it.each([
    ['I work at Leeds Teaching Hospitals', 'RR8'],
    ["I'm the MSO at MFT", 'R0A'],
    ['RR8', 'RR8'],
    ['rr8', 'RR8'],
    ['Greater Manchester ICB', 'QOP'],
    ['GSTT', 'RJ1'],
    ["Guy's and St Thomas'", 'RJ1'],
    ['UHB', 'RRK'],
    ['LTHT', 'RR8'],
    ['Addenbrookes', 'RGT'],
    ['leeds teachng hospitals', 'RR8'],
    ['Cambridgeshire and Peterborough NHS Foundation Trust', 'RT1'],
    ['NHS Cambridgeshire and Peterborough ICB', 'QUE'],
  ])('reads %j as %s', (text, code) => {
    expect(found(text)).toBe(code);
  });

  it('offers choices when a short form belongs to several trusts', () => {
    const lookup = finder.find('QEH');

    expect(lookup.kind).toBe('ambiguous');
    expect(lookup.kind === 'ambiguous' && lookup.choices.length).toBeGreaterThan(1);
  });

  it('offers the trusts of a city named on its own', () => {
    const lookup = finder.find('Leeds');

    expect(lookup.kind === 'ambiguous' && lookup.choices.map((choice) => choice.code).sort()).toEqual([
      'RGD',
      'RR8',
      'RY6',
    ]);
  });

  it.each(['nowhere general hospital', 'I ran to the shop', '', 'x'.repeat(10_000)])('finds nothing in %j', (text) => {
    expect(finder.find(text).kind).toBe('unknown');
  });

  it('does not read an ordinary lower-case word as an ODS code', () => {
    expect(found('we ran late')).toBeUndefined();
  });
});
