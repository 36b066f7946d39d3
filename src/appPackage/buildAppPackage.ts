import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { checkIcons, COLOR_ICON, OUTLINE_ICON } from './checkIcons.js';
import { fillManifest, type JsonValue } from './fillManifest.js';
import { manifestCommandLists } from './manifestCommandLists.js';
import { PackagingError } from './packagingError.js';
import type { PackagingSettings } from './readPackagingSettings.js';
import { validateManifest } from './validateManifest.js';

/** The repository's app package folder: the manifest template, the icons and their sources. */
export const APP_PACKAGE_DIR = fileURLToPath(new URL('../../appPackage/', import.meta.url));

export interface BuildAppPackageOptions {
  settings: PackagingSettings;
  /** Holds manifest.json (the template), color.png and outline.png. */
  appPackageDir?: string;
  /** Defaults to build/appPackage.zip inside appPackageDir. */
  outputFile?: string;
}

export interface BuiltAppPackage {
  outputFile: string;
  manifest: JsonValue;
  bytes: number;
}

// A fixed timestamp makes the same inputs give the same zip, byte for byte.
const ZIP_MTIME = new Date(2024, 0, 1);

/** The values of the template's placeholders. */
function placeholderValues(settings: PackagingSettings): Record<string, JsonValue> {
  return {
    BOT_ID: settings.botId,
    BOT_DOMAIN: settings.botDomain,
    TEAMS_APP_ID: settings.teamsAppId,
    APP_VERSION: settings.appVersion,
    DEVELOPER_NAME: settings.developerName,
    DEVELOPER_WEBSITE_URL: settings.developerWebsiteUrl,
    PRIVACY_URL: settings.privacyUrl,
    TERMS_URL: settings.termsUrl,
    COMMAND_LISTS: manifestCommandLists().map((list) => ({ scopes: list.scopes, commands: list.commands })),
  };
}

function readPackageFile(appPackageDir: string, file: string): Buffer {
  try {
    return readFileSync(join(appPackageDir, file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'cannot be read';
    throw new PackagingError(`${file} ${reason} in ${appPackageDir}`);
  }
}

/**
 * Fills the manifest template, validates it against the official Teams schema (offline), checks
 * the icons, and writes a zip with manifest.json, color.png and outline.png at its root. The zip
 * is written to a temporary file and renamed, so a failure leaves no half-written package.
 */
export async function buildAppPackage(options: BuildAppPackageOptions): Promise<BuiltAppPackage> {
  const appPackageDir = options.appPackageDir ?? APP_PACKAGE_DIR;
  const outputFile = options.outputFile ?? join(appPackageDir, 'build', 'appPackage.zip');

  let template: JsonValue;
  try {
    template = JSON.parse(readPackageFile(appPackageDir, 'manifest.json').toString('utf8')) as JsonValue;
  } catch (error) {
    if (error instanceof PackagingError) throw error;
    throw new PackagingError(`manifest.json in ${appPackageDir} is not valid JSON (${(error as Error).message})`);
  }
  const manifest = fillManifest(template, placeholderValues(options.settings), 'manifest.json');
  // Icons first: their checks are cheap, schema validation is not.
  const color = readPackageFile(appPackageDir, COLOR_ICON.file);
  const outline = readPackageFile(appPackageDir, OUTLINE_ICON.file);
  checkIcons({ color, outline });
  const problems = await validateManifest(manifest);
  if (problems.length > 0) {
    throw new PackagingError(`The filled manifest does not match the Teams schema:\n  ${problems.join('\n  ')}`);
  }

  const zip = zipSync(
    {
      'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'),
      [COLOR_ICON.file]: color,
      [OUTLINE_ICON.file]: outline,
    },
    { level: 9, mtime: ZIP_MTIME },
  );
  mkdirSync(dirname(outputFile), { recursive: true });
  const temporary = `${outputFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, zip);
    renameSync(temporary, outputFile);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return { outputFile, manifest, bytes: zip.length };
}
