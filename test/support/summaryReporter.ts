import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the plain closing line CI reads ("<label>: N passed, N failed"), and appends the counts
 * to $TEST_COUNTS_FILE when set so .ci/run can add several runs together.
 */
export default class SummaryReporter implements Reporter {
  private readonly label: string;

  constructor(options: { label?: string } = {}) {
    this.label = options.label ?? 'tests';
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const testModule of testModules) {
      let failedHere = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else skipped += 1;
      }
      // A file that failed to load, or whose hooks failed, counts as a failure even if no test did.
      if (testModule.state() === 'failed' && failedHere === 0) failedHere = 1;
      failed += failedHere;
    }
    process.stdout.write(`\n${this.label}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    const countsFile = process.env.TEST_COUNTS_FILE;
    if (countsFile) appendFileSync(countsFile, `${passed} ${failed} ${skipped}\n`);
  }
}
