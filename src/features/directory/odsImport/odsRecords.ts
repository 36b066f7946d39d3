import { REGION_CODES, type RegionCode } from '../referenceData.js';
import type { OdsRow } from './odsFiles.js';

/** An organisation row in ODS's standard 27-field layout, the fields the import uses. */
export interface OdsOrganisation {
  code: string;
  /** As ODS writes it: upper case. */
  name: string;
  /** Column 3, the NHS England region; absent outside England. */
  region: RegionCode | undefined;
  /** Column 4: for trusts, the ICB they sit in today (ODS rewrites it even on closed rows). */
  geography: string;
  openedOn: string | undefined;
  closedOn: string | undefined;
  /** Column 14, sites only: M treatment centre, X prescription-pad site. */
  subType: string;
  /** Column 15, sites only: the trust that runs the site. */
  parent: string;
  row: OdsRow;
}

/** One successor record (succ.csv): on `effectiveOn`, `successor` took over from `code`. */
export interface OdsSuccession {
  code: string;
  successor: string;
  effectiveOn: string;
  row: OdsRow;
}

/** "20260401" -> "2026-04-01"; anything else is no date. */
export function odsDate(value: string | undefined): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec((value ?? '').trim());
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** Where a row is, for messages: `etr.csv line 12 (RVJ NORTH BRISTOL NHS TRUST)`. */
export function describeRow({ row, code, name }: { row: OdsRow; code: string; name?: string }): string {
  return `${row.file} line ${row.line} (${name ? `${code} ${name}` : code})`;
}

export function readOrganisation(row: OdsRow): OdsOrganisation | string {
  const field = (index: number) => (row.fields[index] ?? '').trim();
  const code = field(0).toUpperCase();
  if (!/^[A-Z0-9]{3,5}$/.test(code)) return `${row.file} line ${row.line}: "${code}" is not an ODS code`;
  const region = REGION_CODES.find((candidate) => candidate === field(2));
  return {
    code,
    name: field(1),
    region,
    geography: field(3).toUpperCase(),
    openedOn: odsDate(field(10)),
    closedOn: odsDate(field(11)),
    subType: field(13),
    parent: field(14).toUpperCase(),
    row,
  };
}

export function readSuccession(row: OdsRow): OdsSuccession | string {
  const [code = '', successor = '', , effective = ''] = row.fields.map((field) => field.trim().toUpperCase());
  const effectiveOn = odsDate(effective);
  // succ.csv covers every kind of organisation, GP practices and pharmacies too: longer codes are fine.
  if (!/^[A-Z0-9]{3,12}$/.test(code) || !/^[A-Z0-9]{3,12}$/.test(successor) || !effectiveOn)
    return `${row.file} line ${row.line}: expected predecessor code, successor code, "", effective date (YYYYMMDD)`;
  return { code, successor, effectiveOn, row };
}
