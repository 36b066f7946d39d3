import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The seven NHS England regions, by ODS code. */
export const REGION_CODES = ['Y56', 'Y58', 'Y59', 'Y60', 'Y61', 'Y62', 'Y63'] as const;
export type RegionCode = (typeof REGION_CODES)[number];

const regionCode = z.enum(REGION_CODES);
const odsCode = z
  .string()
  .regex(/^[A-Z0-9]{3,5}$/, { error: 'must be an ODS code (3 to 5 capital letters or digits)' });
const phrase = z.string().trim().min(1).max(120);

const regionsFile = z.object({
  version: z.string(),
  source: z.string(),
  regions: z.array(z.object({ code: regionCode, name: phrase, synonyms: z.array(phrase) })),
});

const icbsFile = z.object({
  version: z.string(),
  source: z.string(),
  icbs: z.array(
    z.object({ code: odsCode, name: phrase, shortName: phrase, region: regionCode, synonyms: z.array(phrase) }),
  ),
});

const trustsFile = z.object({
  version: z.string(),
  source: z.string(),
  trusts: z.array(
    z.object({
      code: odsCode,
      name: phrase,
      shortForms: z.array(phrase),
      type: z.enum(['acute', 'specialist', 'mental-health', 'community', 'ambulance']),
      icb: odsCode,
      region: regionCode,
    }),
  ),
});

const sitesFile = z.object({
  version: z.string(),
  source: z.string(),
  sites: z.array(z.object({ name: phrase, trust: odsCode, aliases: z.array(phrase) })),
});

export type Region = z.infer<typeof regionsFile>['regions'][number];
export type Icb = z.infer<typeof icbsFile>['icbs'][number];
export type Trust = z.infer<typeof trustsFile>['trusts'][number];
/** A hospital people name as their workplace, run by one trust. */
export type Site = z.infer<typeof sitesFile>['sites'][number];

/** Regions, ICBs and trusts: public facts from the NHS Organisation Data Service, shipped as data. */
export interface ReferenceData {
  regions: readonly Region[];
  icbs: readonly Icb[];
  trusts: readonly Trust[];
  sites: readonly Site[];
  region(code: RegionCode): Region;
  icb(code: string): Icb | undefined;
  trust(code: string): Trust | undefined;
}

const DATA_DIR = new URL('../../../src/features/directory/data/', import.meta.url);

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, DATA_DIR), 'utf8'));
}

/** Reads and checks the shipped files; throws naming the file and entry when they disagree. */
export function loadReferenceData(): ReferenceData {
  const { regions } = parseFile('regions.json', regionsFile);
  const { icbs } = parseFile('icbs.json', icbsFile);
  const { trusts } = parseFile('trusts.json', trustsFile);
  const { sites } = parseFile('sites.json', sitesFile);

  const regionByCode = new Map(regions.map((region) => [region.code, region]));
  const icbByCode = new Map(icbs.map((icb) => [icb.code, icb]));
  const trustByCode = new Map(trusts.map((trust) => [trust.code, trust]));
  const problems: string[] = [];
  if (regionByCode.size !== REGION_CODES.length)
    problems.push(`regions.json: expected the ${REGION_CODES.length} regions once each`);
  if (icbByCode.size !== icbs.length) problems.push('icbs.json: an ICB code appears twice');
  if (trustByCode.size !== trusts.length) problems.push('trusts.json: a trust code appears twice');
  for (const code of trustByCode.keys()) if (icbByCode.has(code)) problems.push(`${code} is both a trust and an ICB`);
  for (const trust of trusts) {
    const icb = icbByCode.get(trust.icb);
    if (!icb) problems.push(`trusts.json ${trust.code}: unknown ICB ${trust.icb}`);
    else if (icb.region !== trust.region)
      problems.push(`trusts.json ${trust.code}: region ${trust.region} differs from its ICB's ${icb.region}`);
  }
  for (const site of sites)
    if (!trustByCode.has(site.trust)) problems.push(`sites.json ${site.name}: unknown trust ${site.trust}`);
  if (problems.length > 0) throw new Error(`Invalid reference data: ${problems.join('; ')}`);

  return {
    regions,
    icbs,
    trusts,
    sites,
    region: (code) => {
      const region = regionByCode.get(code);
      if (!region) throw new Error(`No region ${code}`);
      return region;
    },
    icb: (code) => icbByCode.get(code.toUpperCase()),
    trust: (code) => trustByCode.get(code.toUpperCase()),
  };
}

function parseFile<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(readJson(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid reference data in ${file} at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unreadable'}`,
    );
  }
  return parsed.data;
}
