import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    reporters: ['default', './test/support/summaryReporter.ts'],
    // restify touches a deprecated Node API on load; the warning is known and harmless.
    execArgv: ['--disable-warning=DEP0111'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
