import { missingChromium } from './chromium.js';

// Setup file, run before each e2e test file: without chromium the file fails at once with the fix
// in the message (counted as a failure), rather than the run passing with nothing tested.
// E2E_SKIP_BROWSER=1 opts out; the browser tests then report as skipped.
const problem = missingChromium();
if (problem) throw new Error(problem);
