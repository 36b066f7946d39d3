import type { TestProject } from 'vitest/node';
import { startEmbeddedAzurite } from '../../src/platform/storage/embeddedAzurite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the Azurite started for this test run (in memory, free port). */
    tablesConnectionString: string;
  }
}

/** One real Azurite for the whole run; each suite keeps to its own tables by prefix. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startEmbeddedAzurite();
  project.provide('tablesConnectionString', azurite.connectionString);
  return () => azurite.close();
}
