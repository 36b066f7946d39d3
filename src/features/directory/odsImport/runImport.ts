import { writeFileSync } from 'node:fs';
import { REFERENCE_DATA_DIR, REFERENCE_FILE_NAMES, readReferenceFiles, type ReferenceFiles } from '../referenceData.js';
import { ODS_FILES, readOdsFolder } from './odsFiles.js';
import { importOds, type ImportSummary } from './importOds.js';

const MAX_REFUSALS_SHOWN = 20;

export interface ImportRun {
  folder: string;
  /** Where the reference data files are read and written; the shipped ones by default. */
  dataDir?: URL;
  asOf?: string;
  dryRun?: boolean;
}

/** Runs the import and returns what to print and the exit code. */
export function runImport({
  folder,
  dataDir = REFERENCE_DATA_DIR,
  asOf = new Date().toISOString().slice(0, 10),
  dryRun = false,
}: ImportRun): { output: string; exitCode: number } {
  const download = readOdsFolder(folder);
  const given = Object.entries(ODS_FILES)
    .filter(([key]) => download[key as keyof typeof ODS_FILES])
    .map(([key, file]) => `${file} (${download[key as keyof typeof ODS_FILES]?.length ?? 0} rows)`);
  const current = readReferenceFiles(dataDir);
  const result = importOds(current, download, { asOf });
  if (!result.ok) {
    return {
      output: [
        `Refused: nothing was written. Fix the download and run the import again.`,
        ...result.refusals.slice(0, MAX_REFUSALS_SHOWN).map((refusal) => `  ${refusal}`),
        ...(result.refusals.length > MAX_REFUSALS_SHOWN
          ? [`  and ${result.refusals.length - MAX_REFUSALS_SHOWN} more like these`]
          : []),
      ].join('\n'),
      exitCode: 1,
    };
  }
  const changed = (Object.keys(REFERENCE_FILE_NAMES) as (keyof ReferenceFiles)[]).filter(
    (key) => result.files[key] !== current[key],
  );
  // Laid out as the files always have been: two-space JSON, one value per line.
  if (!dryRun)
    for (const key of changed)
      writeFileSync(new URL(REFERENCE_FILE_NAMES[key], dataDir), `${JSON.stringify(result.files[key], null, 2)}\n`);
  const files = changed.map((key) => REFERENCE_FILE_NAMES[key]).join(', ');
  return {
    output: [
      `ODS import as of ${asOf} from ${given.join(', ')}`,
      ...describeSummary(result.summary, result.files),
      changed.length === 0
        ? 'The data is up to date: nothing to write.'
        : dryRun
          ? `Dry run: nothing was written (${files} would change).`
          : `Wrote ${files}.`,
    ].join('\n'),
    exitCode: 0,
  };
}

function describeSummary(summary: ImportSummary, files: ReferenceFiles): string[] {
  const section = (title: string, lines: string[], total: string) => [
    `${title}: ${lines.length === 0 ? 'no change' : `${lines.length} changes`} (${total})`,
    ...lines.map((line) => `  ${line}`),
  ];
  return [
    ...section('ICBs', summary.icbs, `${files.icbs.icbs.length} now, ${files.icbs.former.length} former`),
    ...section('Trusts', summary.trusts, `${files.trusts.trusts.length} now, ${files.trusts.former.length} former`),
    ...section('Sites', summary.sites, `${files.sites.sites.length} now`),
    ...summary.notes.map((note) => `Note: ${note}`),
  ];
}
