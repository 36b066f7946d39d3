import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrganisationFinder, currentOrganisation } from '../../../../../src/features/directory/organisations.js';
import { loadReferenceData } from '../../../../../src/features/directory/referenceData.js';
import { runImport } from '../../../../../src/features/directory/odsImport/runImport.js';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/ods/', import.meta.url));
const AS_OF = '2026-12-02';
const folders: string[] = [];

/** A copy of the fixture reference data to import into: the shipped files are never touched. */
function referenceCopy(): URL {
  const folder = mkdtempSync(join(tmpdir(), 'ods-import-'));
  folders.push(folder);
  cpSync(join(FIXTURES, 'reference'), folder, { recursive: true });
  return pathToFileURL(`${folder}/`);
}

const fileText = (dataDir: URL, file: string) => readFileSync(new URL(file, dataDir), 'utf8');

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('importing an ODS download', () => {
  it('applies a merger, a rename, a closure and an ICB split, and says what changed', () => {
    const dataDir = referenceCopy();

    const { output, exitCode } = runImport({ folder: join(FIXTURES, 'monthly'), dataDir, asOf: AS_OF });

    expect(exitCode).toBe(0);
    expect(output).toContain('added S0E4D NHS Thames Valley Integrated Care Board (South East)');
    expect(output).toContain('dissolved QNQ NHS Frimley Integrated Care Board from 2026-04-01: now S0E4D, S9B9J, QRL');
    expect(output).toContain('dissolved QMJ NHS North Central London Integrated Care Board from 2026-04-01: now Z9B2Z');
    expect(output).toContain(
      'renamed RA7 University Hospitals Bristol and Weston NHS Foundation Trust -> Bristol NHS Foundation Trust',
    );
    expect(output).toContain('closed RVJ North Bristol NHS Trust on 2026-06-30: now RA7');
    expect(output).toContain('moved RDU Frimley Health NHS Foundation Trust to ICB S9B9J (was QNQ)');
    expect(output).toContain('added K0N6A The Online NHS Trust (London, ICB Z9B2Z, type other)');
    expect(output).toContain('kept 1 closed trusts from etr.csv as former names of their successors');
    expect(output).toContain('closed Leeds General Infirmary (RR801) on 2026-10-31');
    expect(output).toContain('added Leeds New Hospital (RR8NW, trust RR8)');
    expect(output).not.toContain('Pharmacy Pad');
    expect(output).not.toContain('Royal Free Clinic');
    expect(output).not.toContain('Velindre');
  });

  it('writes data the bot loads, where old names still find their region and what replaced them', () => {
    const dataDir = referenceCopy();
    runImport({ folder: join(FIXTURES, 'monthly'), dataDir, asOf: AS_OF });

    const reference = loadReferenceData(dataDir);
    const finder = createOrganisationFinder(reference);
    const find = (text: string) => {
      const lookup = finder.find(text);
      return lookup.kind === 'found' ? lookup.organisation : undefined;
    };

    expect(reference.icbs.map((icb) => icb.code).sort()).toEqual(
      ['QHL', 'QOP', 'QRL', 'QUE', 'QUY', 'QWO', 'S0E4D', 'S9B9J', 'Z9B2Z'].sort(),
    );
    expect(find('Frimley ICB')?.replaced?.by.map((icb) => icb.code)).toEqual(['S0E4D', 'S9B9J', 'QRL']);
    expect(currentOrganisation(find('North Bristol NHS Trust') ?? (reference.trusts[0] as never))?.code).toBe('RA7');
    expect(find('University Hospitals Bristol and Weston')?.code).toBe('RA7');
    expect(currentOrganisation(find('Bedford Hospital NHS Trust') ?? (reference.trusts[0] as never))?.code).toBe('RGT');
    expect(reference.sites.find((site) => site.name === 'Southmead Hospital')).toMatchObject({
      trust: 'RA7',
      code: 'RVJ01',
    });
  });

  it('changes nothing when the same download is imported twice', () => {
    const dataDir = referenceCopy();
    runImport({ folder: join(FIXTURES, 'monthly'), dataDir, asOf: AS_OF });
    const first = fileText(dataDir, 'trusts.json') + fileText(dataDir, 'icbs.json') + fileText(dataDir, 'sites.json');

    const { output } = runImport({ folder: join(FIXTURES, 'monthly'), dataDir, asOf: AS_OF });

    expect(output).toContain('ICBs: no change');
    expect(output).toContain('Trusts: no change');
    expect(output).toContain('Sites: no change');
    expect(output).toContain('The data is up to date: nothing to write.');
    expect(fileText(dataDir, 'trusts.json') + fileText(dataDir, 'icbs.json') + fileText(dataDir, 'sites.json')).toBe(
      first,
    );
  });

  it('refuses a trust that closed without a successor, naming its row, and writes nothing', () => {
    const dataDir = referenceCopy();
    const before = fileText(dataDir, 'trusts.json');

    const { output, exitCode } = runImport({
      folder: join(FIXTURES, 'closedWithoutSuccessor'),
      dataDir,
      asOf: AS_OF,
    });

    expect(exitCode).toBe(1);
    expect(output).toContain('Refused: nothing was written.');
    expect(output).toContain(
      'etr.csv line 11 (RVJ NORTH BRISTOL NHS TRUST): closed on 2026-06-30 and succ.csv gives it no successor',
    );
    expect(fileText(dataDir, 'trusts.json')).toBe(before);
  });

  it('refuses a download that would leave a region with no trust, naming the row', () => {
    const dataDir = referenceCopy();

    const { output, exitCode } = runImport({ folder: join(FIXTURES, 'emptiesRegion'), dataDir, asOf: AS_OF });

    expect(exitCode).toBe(1);
    expect(output).toContain(
      'etr.csv line 1 (RR8 LEEDS TEACHING HOSPITALS NHS TRUST): the import would leave North East and Yorkshire with no trust',
    );
  });

  it('refuses a folder without the trusts file', () => {
    const { output, exitCode } = runImport({ folder: join(FIXTURES, 'reference'), dataDir: referenceCopy() });

    expect(exitCode).toBe(1);
    expect(output).toContain('etr.csv is missing');
  });

  it('runs as `npm run data:import`, exiting 1 with the refusal on stderr', async () => {
    const command = fileURLToPath(
      new URL('../../../../../src/features/directory/odsImport/importCommand.ts', import.meta.url),
    );
    const failure = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      command,
      join(FIXTURES, 'closedWithoutSuccessor'),
      '--dry-run',
    ]).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );

    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('Refused: nothing was written.');
  });
});
