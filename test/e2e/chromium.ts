import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium (apt-get install -y chromium); `npx playwright install` needs downloads we do not have. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Set on a machine that cannot run a browser: the browser tests then report as skipped. */
export const browserTestsSkipped = process.env.E2E_SKIP_BROWSER === '1';

/** Why the browser tests cannot run here, or undefined when they can (or are skipped on purpose). */
export function missingChromium(): string | undefined {
  if (browserTestsSkipped || existsSync(CHROMIUM_PATH)) return undefined;
  return (
    `chromium not found at ${CHROMIUM_PATH}; install it with apt-get install -y chromium, ` +
    'or set E2E_SKIP_BROWSER=1 to skip browser tests on a machine that cannot run them'
  );
}

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless chromium with a throwaway profile, quiet about the network it has no business reaching. */
export async function launchChromium(): Promise<Chromium> {
  const profile = await mkdtemp(path.join(tmpdir(), 'mso-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
