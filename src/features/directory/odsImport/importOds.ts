import {
  REGION_CODES,
  referenceProblems,
  type FormerOrganisation,
  type Icb,
  type ReferenceFiles,
  type RegionCode,
  type Site,
  type Trust,
  type TrustType,
} from '../referenceData.js';
import type { OdsDownload } from './odsFiles.js';
import { icbShortName, sameName, titleCase } from './odsNames.js';
import {
  describeRow,
  readOrganisation,
  readSuccession,
  type OdsOrganisation,
  type OdsSuccession,
} from './odsRecords.js';

export interface ImportOptions {
  /** Today, YYYY-MM-DD: a close date before it has taken effect. */
  asOf: string;
}

/** What changed, one line each, by kind of organisation. */
export interface ImportSummary {
  icbs: string[];
  trusts: string[];
  sites: string[];
  /** Things the import left as they were and why (a file not given, a type to check). */
  notes: string[];
}

export type ImportResult =
  { ok: true; files: ReferenceFiles; summary: ImportSummary } | { ok: false; refusals: string[] };

const SOURCE =
  'NHS Organisation Data Service download files (etr.csv, succ.csv and the others given), imported with `npm run data:import`; types, short forms and synonyms compiled for this project. Contains public sector information licensed under the Open Government Licence v3.0. See SOURCES.md.';

/**
 * The reference data brought up to date with an ODS download: new, renamed, moved, merged and
 * closed ICBs, trusts and sites, former names and codes kept so people who use them are still
 * understood. Refuses, naming the row, anything that would lose an organisation without a
 * successor or leave a region empty; writes nothing itself.
 */
export function importOds(current: ReferenceFiles, download: OdsDownload, { asOf }: ImportOptions): ImportResult {
  const refusals: string[] = [];
  const summary: ImportSummary = { icbs: [], trusts: [], sites: [], notes: [] };
  if (!download.trusts) return { ok: false, refusals: ['etr.csv is missing: the import needs the ODS trusts file'] };
  if (!download.successors)
    return { ok: false, refusals: ['succ.csv is missing: the import needs the ODS successor file'] };

  const organisations = (rows: OdsDownload['trusts']) =>
    (rows ?? []).flatMap((row) => {
      const read = readOrganisation(row);
      if (typeof read === 'string') refusals.push(read);
      return typeof read === 'string' ? [] : [read];
    });
  const trustRows = new Map(
    organisations([...download.trusts, ...(download.careTrusts ?? [])]).map((o) => [o.code, o]),
  );
  const icbRows = new Map(organisations(download.icbs).map((o) => [o.code, o]));
  const siteRows = organisations(download.sites);
  const successions = new Map<string, OdsSuccession[]>();
  for (const row of download.successors) {
    const read = readSuccession(row);
    if (typeof read === 'string') refusals.push(read);
    else successions.set(read.code, [...(successions.get(read.code) ?? []), read]);
  }
  if (refusals.length > 0) return { ok: false, refusals };

  const isOpen = (row: OdsOrganisation) => !row.closedOn || row.closedOn >= asOf;
  const regionName = (code: RegionCode) => current.regions.regions.find((r) => r.code === code)?.name ?? code;
  const openTrustRows = [...trustRows.values()].filter((row) => row.region && isOpen(row));

  // ICBs: those the open trusts sit in, and those an ICB file lists as open.
  const oldIcbs = new Map(current.icbs.icbs.map((icb) => [icb.code, icb]));
  const icbs = new Map<string, Icb>();
  const icbCodes = new Set([
    ...openTrustRows.map((row) => row.geography),
    ...[...icbRows.values()].filter((row) => row.region && isOpen(row)).map((row) => row.code),
  ]);
  for (const code of icbCodes) {
    const old = oldIcbs.get(code);
    const row = icbRows.get(code);
    const firstTrust = openTrustRows.find((trust) => trust.geography === code);
    const region = row?.region ?? firstTrust?.region;
    if (!region) continue;
    if (!old) {
      if (!row && current.icbs.former.some((former) => former.code === code)) {
        refusals.push(
          `${firstTrust ? describeRow(firstTrust) : code}: sits in ICB ${code}, which the data holds as dissolved; is this download older than the data?`,
        );
        continue;
      }
      if (!row) {
        refusals.push(
          `${firstTrust ? describeRow(firstTrust) : code}: ICB ${code} is new and no icbs.csv row names it; add the ICB file to the folder`,
        );
        continue;
      }
      const name = titleCase(row.name);
      const shortName = icbShortName(name);
      icbs.set(code, { code, name, shortName, region, synonyms: [`${shortName} ICB`] });
      summary.icbs.push(`added ${code} ${name} (${regionName(region)})`);
      continue;
    }
    let icb = old;
    if (row && !sameName(row.name, old.name)) {
      const name = titleCase(row.name);
      const shortName = icbShortName(name);
      icb = {
        ...icb,
        name,
        shortName,
        synonyms: unique([...icb.synonyms, old.name, old.shortName], [name, shortName]),
      };
      summary.icbs.push(`renamed ${code} ${old.name} -> ${name}`);
    }
    if (region !== old.region) {
      icb = { ...icb, region };
      summary.icbs.push(`moved ${code} ${icb.name}: ${regionName(old.region)} -> ${regionName(region)}`);
    }
    icbs.set(code, icb);
  }
  const formerIcbs = [...current.icbs.former];
  for (const old of oldIcbs.values()) {
    if (icbs.has(old.code)) continue;
    const row = icbRows.get(old.code);
    const succession = successions.get(old.code);
    if (!succession) {
      const where = row ? describeRow(row) : `icbs.json ${old.code} ${old.name}`;
      refusals.push(`${where}: no open trust sits in this ICB any more and succ.csv gives it no successor`);
      continue;
    }
    const gone = former(old, [old.shortName, ...old.synonyms], succession);
    formerIcbs.push(gone);
    summary.icbs.push(`dissolved ${old.code} ${old.name} from ${gone.replacedOn}: now ${gone.successors.join(', ')}`);
  }

  // Trusts: every current one stays, changes, or closes with a successor; open rows not known are new.
  const trusts = new Map<string, Trust>();
  const formerTrusts = [...current.trusts.former];
  const formerCodes = new Set(formerTrusts.map((trust) => trust.code));
  let keptCareTrusts = 0;
  for (const old of current.trusts.trusts) {
    const row = trustRows.get(old.code);
    if (!row) {
      if (old.code.startsWith('T') && !download.careTrusts) {
        trusts.set(old.code, old);
        keptCareTrusts += 1;
        continue;
      }
      refusals.push(
        `trusts.json ${old.code} ${old.name}: not in ${download.careTrusts ? 'etr.csv or ect.csv' : 'etr.csv'}; a trust leaves only with a close date and a successor`,
      );
      continue;
    }
    if (!isOpen(row)) {
      const succession = successions.get(old.code);
      if (!succession) {
        refusals.push(`${describeRow(row)}: closed on ${row.closedOn ?? '?'} and succ.csv gives it no successor`);
        continue;
      }
      const gone = former(old, [...old.shortForms, ...old.formerNames], succession);
      formerTrusts.push(gone);
      formerCodes.add(old.code);
      summary.trusts.push(
        `closed ${old.code} ${old.name} on ${row.closedOn ?? '?'}: now ${gone.successors.join(', ')}`,
      );
      continue;
    }
    if (!row.region) {
      refusals.push(`${describeRow(row)}: no NHS England region (column 3) for a trust in the data`);
      continue;
    }
    let trust = old;
    if (!sameName(row.name, old.name)) {
      const name = titleCase(row.name);
      trust = { ...trust, name, formerNames: unique([...old.formerNames, old.name], [name]) };
      summary.trusts.push(`renamed ${old.code} ${old.name} -> ${name}`);
    }
    if (row.geography !== old.icb || row.region !== old.region) {
      trust = { ...trust, icb: row.geography, region: row.region };
      summary.trusts.push(
        row.region === old.region
          ? `moved ${old.code} ${trust.name} to ICB ${row.geography} (was ${old.icb})`
          : `moved ${old.code} ${trust.name} to ${regionName(row.region)}, ICB ${row.geography} (was ${regionName(old.region)}, ${old.icb})`,
      );
    }
    trusts.set(old.code, trust);
  }
  if (keptCareTrusts > 0)
    summary.notes.push(`kept ${keptCareTrusts} care trusts (T codes) as they were: no ect.csv in the folder`);
  const held = new Set(current.trusts.trusts.map((trust) => trust.code));
  for (const row of openTrustRows) {
    // A trust the data holds is in `trusts` already, or was refused above.
    if (held.has(row.code) || formerCodes.has(row.code) || !row.region) continue;
    const name = titleCase(row.name);
    const type = typeOfNewTrust(row, current.trusts.trusts, successions);
    trusts.set(row.code, {
      code: row.code,
      name,
      shortForms: [],
      formerNames: [],
      type,
      icb: row.geography,
      region: row.region,
    });
    summary.trusts.push(`added ${row.code} ${name} (${regionName(row.region)}, ICB ${row.geography}, type ${type})`);
  }

  keepClosedTrusts(
    [...trustRows.values()].filter((row) => row.region && !isOpen(row)),
    successions,
    trusts,
    formerTrusts,
    summary,
  );

  const sites = importSites(
    current.sites.sites,
    siteRows,
    trusts,
    formerTrusts,
    isOpen,
    current.sites.version,
    summary,
  );

  if (refusals.length > 0) return { ok: false, refusals };
  for (const region of REGION_CODES) {
    const emptied = (kind: string, left: number, gone: { code: string }[]) => {
      if (left > 0) return;
      const last = gone.at(-1);
      const row = last && (trustRows.get(last.code) ?? icbRows.get(last.code));
      refusals.push(
        `${row ? describeRow(row) : (last?.code ?? region)}: the import would leave ${regionName(region)} with no ${kind}`,
      );
    };
    emptied(
      'ICB',
      [...icbs.values()].filter((icb) => icb.region === region).length,
      current.icbs.icbs.filter((icb) => icb.region === region),
    );
    emptied(
      'trust',
      [...trusts.values()].filter((trust) => trust.region === region).length,
      current.trusts.trusts.filter((trust) => trust.region === region),
    );
  }
  if (refusals.length > 0) return { ok: false, refusals };

  const files: ReferenceFiles = {
    regions: current.regions,
    icbs: dated(
      current.icbs,
      {
        icbs: [...icbs.values()],
        former: resolveChains(formerIcbs, new Set(icbs.keys())),
      },
      asOf,
    ),
    trusts: dated(
      current.trusts,
      {
        trusts: [...trusts.values()],
        former: resolveChains(formerTrusts, new Set(trusts.keys())),
      },
      asOf,
    ),
    sites: dated(current.sites, { sites }, asOf),
  };
  const problems = referenceProblems(files);
  if (problems.length > 0)
    return { ok: false, refusals: problems.map((problem) => `the result would not load: ${problem}`) };
  return { ok: true, files, summary };
}

/** The file with the new content, dated `asOf` and credited to the import only when the content changed. */
function dated<F extends { version: string; source: string }>(
  file: F,
  content: Omit<F, 'version' | 'source'>,
  asOf: string,
): F {
  const { version: _version, source: _source, ...before } = file;
  return JSON.stringify(before) === JSON.stringify(content)
    ? file
    : { ...file, ...content, version: asOf, source: SOURCE };
}

function former(
  organisation: { code: string; name: string; region: RegionCode },
  shortForms: readonly string[],
  succession: readonly OdsSuccession[],
): FormerOrganisation {
  return {
    code: organisation.code,
    name: organisation.name,
    shortForms: unique(shortForms, [organisation.name]),
    region: organisation.region,
    replacedOn: succession.map((s) => s.effectiveOn).sort()[0] ?? '',
    successors: [...new Set(succession.map((s) => s.successor))],
  };
}

/**
 * The current organisations that `code` passed to, following successors of successors
 * ("RCZ" -> "RRP" -> "G6V2S"); undefined when a trail ends at something not current.
 */
function currentSuccessors(
  code: string,
  isCurrent: (code: string) => boolean,
  successorsOf: (code: string) => readonly string[] | undefined,
  seen: ReadonlySet<string> = new Set(),
): string[] | undefined {
  if (isCurrent(code)) return [code];
  const next = successorsOf(code);
  if (!next || seen.has(code)) return undefined;
  const found = next.map((successor) =>
    currentSuccessors(successor, isCurrent, successorsOf, new Set([...seen, code])),
  );
  return found.every((codes) => codes !== undefined) ? [...new Set(found.flat())] : undefined;
}

/** A former organisation whose successor has since gone too points at that successor's successors. */
function resolveChains(former: FormerOrganisation[], current: ReadonlySet<string>): FormerOrganisation[] {
  const byCode = new Map(former.map((organisation) => [organisation.code, organisation.successors]));
  return former.map((organisation) => ({
    ...organisation,
    // A trail that ends elsewhere is left as it was, for the start-up checks to name.
    successors:
      currentSuccessors(
        organisation.code,
        (code) => current.has(code),
        (code) => byCode.get(code),
      ) ?? organisation.successors,
  }));
}

/**
 * Closed trusts the data does not hold yet (etr.csv keeps closed rows for years), whose
 * successors are current trusts in the same region: kept as former names, so that people who
 * still say "North Bristol" or "Bedford Hospital NHS Trust" are understood.
 */
function keepClosedTrusts(
  closed: readonly OdsOrganisation[],
  successions: ReadonlyMap<string, OdsSuccession[]>,
  trusts: ReadonlyMap<string, Trust>,
  formerTrusts: FormerOrganisation[],
  summary: ImportSummary,
): void {
  const held = new Set(formerTrusts.map((trust) => trust.code));
  const successorsOf = (code: string) => successions.get(code)?.map((succession) => succession.successor);
  let kept = 0;
  for (const row of closed) {
    if (held.has(row.code) || trusts.has(row.code) || !row.region) continue;
    const succession = successions.get(row.code);
    const successors = currentSuccessors(row.code, (code) => trusts.has(code), successorsOf);
    if (!succession || !successors || successors.some((code) => trusts.get(code)?.region !== row.region)) continue;
    formerTrusts.push({
      ...former({ code: row.code, name: titleCase(row.name), region: row.region }, [], succession),
      successors,
    });
    kept += 1;
  }
  if (kept > 0) summary.trusts.push(`kept ${kept} closed trusts from etr.csv as former names of their successors`);
}

/** A new trust formed from others takes their type when they agree; otherwise its name decides. */
function typeOfNewTrust(
  row: OdsOrganisation,
  trusts: readonly Trust[],
  successions: ReadonlyMap<string, OdsSuccession[]>,
): TrustType {
  const predecessorTypes = new Set(
    trusts
      .filter((trust) => successions.get(trust.code)?.some((s) => s.successor === row.code))
      .map((trust) => trust.type),
  );
  const [only] = predecessorTypes;
  if (predecessorTypes.size === 1 && only) return only;
  if (/AMBULANCE/.test(row.name)) return 'ambulance';
  if (/MENTAL HEALTH/.test(row.name)) return 'mental-health';
  if (/COMMUNITY/.test(row.name)) return 'community';
  if (/HOSPITAL|TEACHING|UNIVERSITY/.test(row.name)) return 'acute';
  return 'other';
}

/** Hospitals and infirmaries: ets.csv also lists clinics, offices and prescription-pad sites. */
const HOSPITAL = /\b(HOSPITAL|INFIRMARY)\b/;

function importSites(
  sites: readonly Site[],
  rows: readonly OdsOrganisation[],
  trusts: ReadonlyMap<string, Trust>,
  formerTrusts: readonly FormerOrganisation[],
  isOpen: (row: OdsOrganisation) => boolean,
  since: string,
  summary: ImportSummary,
): Site[] {
  const successors = new Map(formerTrusts.map((trust) => [trust.code, trust.successors]));
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const result: Site[] = [];
  for (const old of sites) {
    let site = old;
    const sameNamed = site.code ? [] : rows.filter((candidate) => sameName(candidate.name, site.name));
    const row = site.code
      ? byCode.get(site.code)
      : (sameNamed.find((candidate) => candidate.parent === site.trust) ??
        (sameNamed.length === 1 ? sameNamed[0] : undefined));
    if (row) {
      if (!isOpen(row)) {
        summary.sites.push(`closed ${site.name} (${row.code}) on ${row.closedOn ?? '?'}`);
        continue;
      }
      if (!site.code) site = { ...site, code: row.code };
      if (!sameName(row.name, site.name)) {
        const name = titleCase(row.name);
        site = { ...site, name, aliases: unique([...site.aliases, old.name], [name]) };
        summary.sites.push(`renamed ${old.name} -> ${name}`);
      }
      if (row.parent && row.parent !== site.trust && trusts.has(row.parent)) {
        summary.sites.push(`moved ${site.name} to trust ${row.parent} (was ${site.trust})`);
        site = { ...site, trust: row.parent };
      }
    }
    const next = successors.get(site.trust);
    if (next && !trusts.has(site.trust)) {
      const [first] = next;
      if (!first) continue;
      if (next.length > 1)
        summary.notes.push(`${site.name}: its trust ${site.trust} split; given to ${first}, check it`);
      summary.sites.push(`moved ${site.name} to trust ${first} (was ${site.trust}, now closed)`);
      site = { ...site, trust: first };
    }
    result.push(site);
  }
  const known = new Set(result.flatMap((site) => (site.code ? [site.code] : [])));
  const sinceDate = /^\d{4}-\d{2}(-\d{2})?$/.test(since) ? since : '';
  for (const row of rows) {
    if (known.has(row.code) || !isOpen(row) || row.subType === 'X' || !HOSPITAL.test(row.name)) continue;
    if (!trusts.has(row.parent) || !row.openedOn || row.openedOn < sinceDate) continue;
    if (result.some((site) => sameName(site.name, row.name))) continue;
    const name = titleCase(row.name);
    result.push({ name, trust: row.parent, aliases: [], code: row.code });
    summary.sites.push(`added ${name} (${row.code}, trust ${row.parent})`);
  }
  return result;
}

/** The phrases once each, leaving out any that are the same name as one in `besides`. */
function unique(phrases: readonly string[], besides: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const phrase of phrases) {
    if ([...besides, ...out].some((other) => sameName(other, phrase))) continue;
    out.push(phrase);
  }
  return out;
}
