import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the plain closing line CI reads ("tests: N passed, N failed"), and appends the counts
 * to $TEST_COUNTS_FILE when set so .ci/run can add several runs together.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A file that failed to load has no tests but still failed.
      if (testModule.state() === 'failed' && testModule.children.size === 0) failed += 1;
    }
    const label = process.env.TEST_COUNTS_LABEL ?? 'tests';
    process.stdout.write(`\n${label}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    const countsFile = process.env.TEST_COUNTS_FILE;
    if (countsFile) appendFileSync(countsFile, `${passed} ${failed} ${skipped}\n`);
  }
}
