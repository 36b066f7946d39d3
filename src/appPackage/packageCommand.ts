// `npm run package`: builds appPackage/build/appPackage.zip from the environment's packaging settings.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PackagingError } from './packagingError.js';
import { readPackagingSettings } from './readPackagingSettings.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version?: unknown;
};

try {
  const { settings, warnings } = readPackagingSettings(
    // eslint-disable-next-line no-restricted-properties -- packaging is a build step, not the running bot.
    process.env,
    { appVersion: typeof packageJson.version === 'string' ? packageJson.version : '' },
  );
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  // Loaded only once the settings are good: the schema validator takes a moment to load.
  const { buildAppPackage } = await import('./buildAppPackage.js');
  const built = await buildAppPackage({ settings });
  process.stdout.write(
    `Wrote ${relative(process.cwd(), built.outputFile)} (${built.bytes} bytes): Teams app ${settings.teamsAppId} version ${settings.appVersion}, ` +
      `bot ${settings.botId}, tab https://${settings.botDomain}/tab\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof PackagingError ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
