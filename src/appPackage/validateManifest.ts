import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import type { JsonValue } from './fillManifest.js';
import { PackagingError } from './packagingError.js';

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v1\.\d+)\/MicrosoftTeams\.schema\.json$/i;

/**
 * The validator compiles the large schema on every call (about half a second); the same manifest
 * and shipped schema always give the same answer, so a rebuild of an unchanged manifest reuses it.
 */
const resultsByManifest = new Map<string, Promise<string[]>>();

/** The folder of Teams manifest schemas that @microsoft/app-manifest ships. */
function shippedSchemasDir(): string {
  const entry = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  return join(dirname(entry), 'json-schemas', 'teams');
}

/**
 * Validates a filled manifest against the official Teams schema named by its `$schema`, read
 * from the copy shipped in @microsoft/app-manifest so that no network is needed. Returns the
 * validator's messages (empty when valid); throws a PackagingError when the schema is not shipped.
 */
export async function validateManifest(manifest: JsonValue): Promise<string[]> {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return ['the manifest must be a JSON object'];
  }
  const schemaUrl = manifest.$schema;
  const version = typeof schemaUrl === 'string' ? SCHEMA_URL.exec(schemaUrl)?.[1] : undefined;
  if (version === undefined) {
    throw new PackagingError(
      `The manifest's $schema must be a Teams schema URL such as https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json (got ${JSON.stringify(schemaUrl)})`,
    );
  }
  const schemaFile = join(shippedSchemasDir(), version, 'MicrosoftTeams.schema.json');
  if (!existsSync(schemaFile)) {
    throw new PackagingError(
      `The manifest's $schema names Teams schema ${version}, which @microsoft/app-manifest does not ship offline`,
    );
  }
  // The same clean-up the package applies to the schemas it loads itself (\a and \v are not JSON).
  const raw = readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(raw) as ManifestSchema;
  const key = JSON.stringify(manifest);
  const known = resultsByManifest.get(key);
  if (known) return known;
  // The validator checks the shape; the cast only satisfies its signature.
  const result = AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
  if (resultsByManifest.size >= 16) resultsByManifest.clear();
  resultsByManifest.set(key, result);
  return result;
}
