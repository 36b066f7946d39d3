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

  it('has the 42 ICBs, each in one region, as many per region as NHS England lists', () => {
    const perRegion = Object.fromEntries(
      REGION_CODES.map((code) => [code, reference.icbs.filter((icb) => icb.region === code).length]),
    );

    expect(reference.icbs).toHaveLength(42);
    expect(perRegion).toEqual({ Y63: 4, Y62: 3, Y60: 11, Y61: 6, Y56: 5, Y59: 6, Y58: 7 });
  });

  it('gives every trust exactly one ICB, in the same region as the trust', () => {
    for (const trust of reference.trusts) {
      const icb = reference.icb(trust.icb);
      expect(icb, trust.code).toBeDefined();
      expect(icb?.region, trust.code).toBe(trust.region);
    }
  });

  it('has no code twice across trusts and ICBs', () => {
    const codes = [...reference.trusts.map((trust) => trust.code), ...reference.icbs.map((icb) => icb.code)];

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
