// `npm run data:import -- <folder> [--as-of YYYY-MM-DD] [--dry-run]`: brings the shipped reference
// data up to date with an ODS download (README, "Refreshing the reference data"). Prints what
// changed; refuses, writing nothing, input that would lose an organisation or empty a region.
import { parseArgs } from 'node:util';
import { runImport } from './runImport.js';

const USAGE = 'Usage: npm run data:import -- <folder with etr.csv and succ.csv> [--as-of YYYY-MM-DD] [--dry-run]\n';

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'as-of': { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  const [folder] = positionals;
  const asOf = values['as-of'];
  if (!folder || positionals.length > 1) {
    process.stderr.write(USAGE);
    process.exitCode = 2;
  } else if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    process.stderr.write(`--as-of takes a date as YYYY-MM-DD\n${USAGE}`);
    process.exitCode = 2;
  } else {
    const { output, exitCode } = runImport({ folder, asOf, dryRun: values['dry-run'] ?? false });
    (exitCode === 0 ? process.stdout : process.stderr).write(`${output}\n`);
    process.exitCode = exitCode;
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exitCode = 2;
}
