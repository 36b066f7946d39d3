import { describe, expect, it } from 'vitest';
import { createOrganisationFinder, currentOrganisation } from '../../../../src/features/directory/organisations.js';
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
    ['Thames Valley', 'S0E4D'],
    ['NHS Thames Valley ICB', 'S0E4D'],
    ['west & north london integrated care board', 'Z9B2Z'],
    ['north west london ICB', 'QRV'],
    ['manchester univ hospitals', 'R0A'],
    ['london ambulance', 'RRU'],
    ['saint georges hosp, tooting', 'RJ7'],
  ])('reads %j as %s', (text, code) => {
    expect(found(text)).toBe(code);
  });

  it('reads a dissolved ICB as what replaced it, in the same region', () => {
    const lookup = finder.find('I work for Frimley ICB');
    const organisation = lookup.kind === 'found' ? lookup.organisation : undefined;

    expect(organisation).toMatchObject({ code: 'QNQ', kind: 'icb', region: 'Y59' });
    expect(organisation?.replaced?.on).toBe('2026-04-01');
    expect(organisation?.replaced?.by.map((icb) => icb.code).sort()).toEqual(['QRL', 'S0E4D', 'S9B9J']);
    expect(organisation && currentOrganisation(organisation)).toBeUndefined();
  });

  it('reads a merged trust as the trust that took it over', () => {
    const lookup = finder.find("i'm at north bristol");
    const organisation = lookup.kind === 'found' ? lookup.organisation : undefined;

    expect(organisation?.code).toBe('RVJ');
    expect(organisation && currentOrganisation(organisation)).toMatchObject({
      code: 'RA7',
      name: 'Bristol NHS Foundation Trust',
    });
  });

  it('knows a renamed trust by its former name', () => {
    expect(found('Royal Surrey County Hospital NHS Foundation Trust')).toBe('RA2');
  });

  it('never offers Wye Valley for Thames Valley', () => {
    const lookup = finder.find('Thames Valley');
    const codes =
      lookup.kind === 'found'
        ? [lookup.organisation.code]
        : lookup.kind === 'ambiguous'
          ? lookup.choices.map((choice) => choice.code)
          : [];

    expect(codes).toEqual(['S0E4D']);
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
