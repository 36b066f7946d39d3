import { describe, expect, it } from 'vitest';
import { loadReferenceData, REGION_CODES } from '../../../../src/features/directory/referenceData.js';

const reference = loadReferenceData();

describe('the shipped reference data', () => {
  it('has the seven NHS England regions with their ODS codes', () => {
    expect(reference.regions.map((region) => `${region.code} ${region.name}`).sort()).toEqual([
      'Y56 London',
      'Y58 South West',
      'Y59 South East',
      'Y60 Midlands',
      'Y61 East of England',
      'Y62 North West',
      'Y63 North East and Yorkshire',
    ]);
  });

  it('has the 36 ICBs of 1 April 2026, each in one region, as many per region as after the reorganisation', () => {
    const perRegion = Object.fromEntries(
      REGION_CODES.map((code) => [code, reference.icbs.filter((icb) => icb.region === code).length]),
    );

    expect(reference.icbs).toHaveLength(36);
    expect(perRegion).toEqual({ Y63: 4, Y62: 3, Y60: 11, Y61: 3, Y56: 4, Y59: 4, Y58: 7 });
  });

  it.each([
    ['S1Y5D', 'NHS Central East Integrated Care Board', 'Y61'],
    ['D7T5G', 'NHS Essex Integrated Care Board', 'Y61'],
    ['T6Y0W', 'NHS Norfolk and Suffolk Integrated Care Board', 'Y61'],
    ['S9B9J', 'NHS Surrey and Sussex Integrated Care Board', 'Y59'],
    ['S0E4D', 'NHS Thames Valley Integrated Care Board', 'Y59'],
    ['Z9B2Z', 'NHS West and North London Integrated Care Board', 'Y56'],
  ])('has the new ICB %s, %s', (code, name, region) => {
    expect(reference.icb(code)).toMatchObject({ name, region });
  });

  it('keeps the 12 ICBs dissolved on 1 April 2026 as former ICBs, each with successors in its own region', () => {
    const successors = Object.fromEntries(reference.formerIcbs.map((icb) => [icb.code, [...icb.successors].sort()]));

    expect(successors).toEqual({
      QHG: ['S1Y5D'],
      QUE: ['S1Y5D'],
      QM7: ['D7T5G', 'S1Y5D'],
      QH8: ['D7T5G'],
      QJG: ['D7T5G', 'T6Y0W'],
      QMM: ['T6Y0W'],
      QU9: ['S0E4D'],
      QNQ: ['QRL', 'S0E4D', 'S9B9J'],
      QXU: ['S9B9J'],
      QNX: ['S9B9J'],
      QMJ: ['Z9B2Z'],
      QRV: ['Z9B2Z'],
    });
    for (const icb of reference.formerIcbs) {
      expect(icb.replacedOn, icb.code).toBe('2026-04-01');
      for (const code of icb.successors) expect(reference.icb(code)?.region, icb.code).toBe(icb.region);
    }
  });

  it('keeps merged trusts as former trusts pointing at the trust that took them over', () => {
    const former = (code: string) => reference.formerTrusts.find((trust) => trust.code === code);

    expect(former('RVJ')).toMatchObject({
      name: 'North Bristol NHS Trust',
      successors: ['RA7'],
      replacedOn: '2026-07-01',
    });
    expect(former('RY2')).toMatchObject({ successors: ['RWW'], replacedOn: '2026-04-01' });
    expect(former('RW6')?.successors.sort()).toEqual(['R0A', 'RM3']);
    for (const trust of reference.formerTrusts) {
      expect(reference.trust(trust.code), trust.code).toBeUndefined();
      for (const code of trust.successors) expect(reference.trust(code)?.region, trust.code).toBe(trust.region);
    }
  });

  it('gives every trust exactly one ICB, in the same region as the trust', () => {
    for (const trust of reference.trusts) {
      const icb = reference.icb(trust.icb);
      expect(icb, trust.code).toBeDefined();
      expect(icb?.region, trust.code).toBe(trust.region);
    }
  });

  it('has no code twice across trusts and ICBs', () => {
    const codes = [
      ...reference.trusts.map((trust) => trust.code),
      ...reference.icbs.map((icb) => icb.code),
      ...reference.formerTrusts.map((trust) => trust.code),
      ...reference.formerIcbs.map((icb) => icb.code),
    ];

    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has trusts of every kind in every region', () => {
    for (const region of REGION_CODES) {
      const trusts = reference.trusts.filter((trust) => trust.region === region);
      expect(trusts.length, region).toBeGreaterThanOrEqual(15);
      expect(
        trusts.some((trust) => trust.type === 'acute'),
        region,
      ).toBe(true);
      expect(
        trusts.some((trust) => trust.type === 'mental-health'),
        region,
      ).toBe(true);
    }
    expect(reference.trusts.filter((trust) => trust.type === 'ambulance')).toHaveLength(10);
  });

  it.each([
    ['RR8', 'Leeds Teaching Hospitals NHS Trust', 'Y63'],
    ['RTD', 'The Newcastle upon Tyne Hospitals NHS Foundation Trust', 'Y63'],
    ['R0A', 'Manchester University NHS Foundation Trust', 'Y62'],
    ['RBS', "Alder Hey Children's NHS Foundation Trust", 'Y62'],
    ['RRK', 'University Hospitals Birmingham NHS Foundation Trust', 'Y60'],
    ['RX1', 'Nottingham University Hospitals NHS Trust', 'Y60'],
    ['RGT', 'Cambridge University Hospitals NHS Foundation Trust', 'Y61'],
    ['RJ1', "Guy's and St Thomas' NHS Foundation Trust", 'Y56'],
    ['RRV', 'University College London Hospitals NHS Foundation Trust', 'Y56'],
    ['RTH', 'Oxford University Hospitals NHS Foundation Trust', 'Y59'],
    ['RYR', 'University Hospitals Sussex NHS Foundation Trust', 'Y59'],
    ['RH8', 'Royal Devon University Healthcare NHS Foundation Trust', 'Y58'],
    ['RBZ', 'Northern Devon Healthcare NHS Trust', undefined],
  ])('knows %s as %s', (code, name, region) => {
    const trust = reference.trust(code);
    if (region === undefined) {
      // Merged into Royal Devon in 2022: must not linger as a current trust.
      expect(trust).toBeUndefined();
      return;
    }
    expect(trust).toMatchObject({ name, region });
  });
});
