import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Browser tests through the Agents Playground: slow to start, one file at a time. */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    setupFiles: ['test/e2e/requireChromium.ts'],
    reporters: ['default', ['./test/support/summaryReporter.ts', { label: 'e2e' }]],
    // restify touches a deprecated Node API on load; the warning is known and harmless.
    execArgv: ['--disable-warning=DEP0111'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
