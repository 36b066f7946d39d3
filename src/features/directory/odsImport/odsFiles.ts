import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The ODS download files the import reads. ODS publishes each as a CSV without a header, in
 * its standard layout: code, name, national grouping, high level health geography, five
 * address lines, postcode, open date, close date, and so on.
 */
export const ODS_FILES = {
  trusts: 'etr.csv',
  careTrusts: 'ect.csv',
  sites: 'ets.csv',
  /** ODS publishes no ICB list in this layout: a file of ICB rows (code, name, region) the same shape. */
  icbs: 'icbs.csv',
  successors: 'succ.csv',
} as const;

/** One data row of an ODS file, with where it came from for messages. */
export interface OdsRow {
  file: string;
  /** 1-based line number in the file. */
  line: number;
  fields: readonly string[];
}

/** Reads a CSV with quoted fields; blank lines are skipped. */
export function parseCsv(text: string, file: string): OdsRow[] {
  const rows: OdsRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') rows.push({ file, line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else field += char;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

export type OdsDownload = Record<keyof typeof ODS_FILES, OdsRow[] | undefined>;

/** Reads whichever of the ODS files are in `folder`; the caller decides which are required. */
export function readOdsFolder(folder: string): OdsDownload {
  const read = (name: string) => {
    const path = join(folder, name);
    return existsSync(path) ? parseCsv(readFileSync(path, 'latin1'), name) : undefined;
  };
  return {
    trusts: read(ODS_FILES.trusts),
    careTrusts: read(ODS_FILES.careTrusts),
    sites: read(ODS_FILES.sites),
    icbs: read(ODS_FILES.icbs),
    successors: read(ODS_FILES.successors),
  };
}
