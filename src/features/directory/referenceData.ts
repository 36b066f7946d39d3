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

const isoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/**
 * An ICB or trust that no longer exists, kept so that people who still use its name or code are
 * understood: what replaced it, from when.
 */
const formerOrganisation = z.object({
  code: odsCode,
  name: phrase,
  /** Short forms and synonyms people used for it. */
  shortForms: z.array(phrase),
  region: regionCode,
  /** The first day its successors took over (the day after ODS closed it). */
  replacedOn: isoDate,
  /** The ICBs or trusts that took it over: more than one when it was split. */
  successors: z.array(odsCode).min(1),
});

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
  former: z.array(formerOrganisation).default([]),
});

export const TRUST_TYPES = ['acute', 'specialist', 'mental-health', 'community', 'ambulance', 'other'] as const;

const trustsFile = z.object({
  version: z.string(),
  source: z.string(),
  trusts: z.array(
    z.object({
      code: odsCode,
      name: phrase,
      shortForms: z.array(phrase),
      /** Names the trust had before ODS renamed it, still understood. */
      formerNames: z.array(phrase).default([]),
      type: z.enum(TRUST_TYPES),
      icb: odsCode,
      region: regionCode,
    }),
  ),
  former: z.array(formerOrganisation).default([]),
});

const sitesFile = z.object({
  version: z.string(),
  source: z.string(),
  sites: z.array(
    z.object({
      name: phrase,
      trust: odsCode,
      aliases: z.array(phrase),
      /** The ODS site code (ets.csv), once an import has matched the site to its row. */
      code: odsCode.optional(),
    }),
  ),
});

export type Region = z.infer<typeof regionsFile>['regions'][number];
export type Icb = z.infer<typeof icbsFile>['icbs'][number];
export type Trust = z.infer<typeof trustsFile>['trusts'][number];
export type TrustType = Trust['type'];
/** A hospital people name as their workplace, run by one trust. */
export type Site = z.infer<typeof sitesFile>['sites'][number];
export type FormerOrganisation = z.infer<typeof formerOrganisation>;

/** The four data files as stored, before their cross-checks. */
export interface ReferenceFiles {
  regions: z.infer<typeof regionsFile>;
  icbs: z.infer<typeof icbsFile>;
  trusts: z.infer<typeof trustsFile>;
  sites: z.infer<typeof sitesFile>;
}

export const REFERENCE_FILE_NAMES = {
  regions: 'regions.json',
  icbs: 'icbs.json',
  trusts: 'trusts.json',
  sites: 'sites.json',
} as const satisfies Record<keyof ReferenceFiles, string>;

/** Regions, ICBs and trusts: public facts from the NHS Organisation Data Service, shipped as data. */
export interface ReferenceData {
  regions: readonly Region[];
  icbs: readonly Icb[];
  trusts: readonly Trust[];
  sites: readonly Site[];
  formerIcbs: readonly FormerOrganisation[];
  formerTrusts: readonly FormerOrganisation[];
  region(code: RegionCode): Region;
  icb(code: string): Icb | undefined;
  trust(code: string): Trust | undefined;
}

/** Where the shipped files live; the ODS import rewrites them. */
export const REFERENCE_DATA_DIR = new URL('../../../src/features/directory/data/', import.meta.url);

/** Reads the four files from `dir`, checking each against its schema. Throws naming the file and entry. */
export function readReferenceFiles(dir: URL = REFERENCE_DATA_DIR): ReferenceFiles {
  const read = <T>(file: string, schema: z.ZodType<T>) =>
    parseFile(file, schema, JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
  return {
    regions: read(REFERENCE_FILE_NAMES.regions, regionsFile),
    icbs: read(REFERENCE_FILE_NAMES.icbs, icbsFile),
    trusts: read(REFERENCE_FILE_NAMES.trusts, trustsFile),
    sites: read(REFERENCE_FILE_NAMES.sites, sitesFile),
  };
}

/** What is wrong across the files (codes that point nowhere, regions that disagree), or nothing. */
export function referenceProblems({ regions: r, icbs: i, trusts: t, sites: s }: ReferenceFiles): string[] {
  const regionByCode = new Map(r.regions.map((region) => [region.code, region]));
  const icbByCode = new Map(i.icbs.map((icb) => [icb.code, icb]));
  const trustByCode = new Map(t.trusts.map((trust) => [trust.code, trust]));
  const problems: string[] = [];
  if (regionByCode.size !== REGION_CODES.length)
    problems.push(`regions.json: expected the ${REGION_CODES.length} regions once each`);
  if (icbByCode.size !== i.icbs.length) problems.push('icbs.json: an ICB code appears twice');
  if (trustByCode.size !== t.trusts.length) problems.push('trusts.json: a trust code appears twice');
  for (const code of trustByCode.keys()) if (icbByCode.has(code)) problems.push(`${code} is both a trust and an ICB`);
  for (const trust of t.trusts) {
    const icb = icbByCode.get(trust.icb);
    if (!icb) problems.push(`trusts.json ${trust.code}: unknown ICB ${trust.icb}`);
    else if (icb.region !== trust.region)
      problems.push(`trusts.json ${trust.code}: region ${trust.region} differs from its ICB's ${icb.region}`);
  }
  for (const site of s.sites)
    if (!trustByCode.has(site.trust)) problems.push(`sites.json ${site.name}: unknown trust ${site.trust}`);
  const formerProblems = (
    file: string,
    former: readonly FormerOrganisation[],
    current: Map<string, { region: string }>,
  ) => {
    for (const organisation of former) {
      if (current.has(organisation.code)) problems.push(`${file} ${organisation.code}: both current and former`);
      for (const code of organisation.successors) {
        const successor = current.get(code);
        if (!successor) problems.push(`${file} former ${organisation.code}: unknown successor ${code}`);
        else if (successor.region !== organisation.region)
          problems.push(`${file} former ${organisation.code}: successor ${code} is in another region`);
      }
    }
  };
  formerProblems('icbs.json', i.former, icbByCode);
  formerProblems('trusts.json', t.former, trustByCode);
  return problems;
}

/** Reads and checks the shipped files; throws naming the file and entry when they disagree. */
export function loadReferenceData(dir: URL = REFERENCE_DATA_DIR): ReferenceData {
  const files = readReferenceFiles(dir);
  const problems = referenceProblems(files);
  if (problems.length > 0) throw new Error(`Invalid reference data: ${problems.join('; ')}`);

  const { regions } = files.regions;
  const { icbs, former: formerIcbs } = files.icbs;
  const { trusts, former: formerTrusts } = files.trusts;
  const { sites } = files.sites;
  const regionByCode = new Map(regions.map((region) => [region.code, region]));
  const icbByCode = new Map(icbs.map((icb) => [icb.code, icb]));
  const trustByCode = new Map(trusts.map((trust) => [trust.code, trust]));
  return {
    regions,
    icbs,
    trusts,
    sites,
    formerIcbs,
    formerTrusts,
    region: (code) => {
      const region = regionByCode.get(code);
      if (!region) throw new Error(`No region ${code}`);
      return region;
    },
    icb: (code) => icbByCode.get(code.toUpperCase()),
    trust: (code) => trustByCode.get(code.toUpperCase()),
  };
}

function parseFile<T>(file: string, schema: z.ZodType<T>, json: unknown): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid reference data in ${file} at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unreadable'}`,
    );
  }
  return parsed.data;
}
