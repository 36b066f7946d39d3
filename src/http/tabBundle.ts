import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The tab's browser code, found the same way from src/http (tests, tsx) and dist/http (built). */
const TAB_SOURCE_DIR = new URL('../../src/tab/', import.meta.url);

export const TAB_FILES = {
  'index.html': 'text/html; charset=utf-8',
  'tab.js': 'text/javascript; charset=utf-8',
  'tab.css': 'text/css; charset=utf-8',
} as const;
export type TabFileName = keyof typeof TAB_FILES;
export const TAB_FILE_NAMES = Object.keys(TAB_FILES) as TabFileName[];

/**
 * Bundles src/tab (main.ts with @microsoft/teams-js, tab.css) with esbuild, in memory.
 * Used by `npm run build` (which writes the result to dist/tab) and, when no built tab sits
 * next to the server, by the server itself on the first request (tests, tsx).
 */
export async function bundleTab(): Promise<Map<TabFileName, Buffer>> {
  // A development dependency: only loaded when bundling, never by a built server.
  const esbuild = await import('esbuild');
  const source = fileURLToPath(TAB_SOURCE_DIR);
  const result = await esbuild.build({
    entryPoints: { tab: `${source}main.ts`, 'tab-style': `${source}tab.css` },
    outdir: 'tab',
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome109', 'edge109', 'firefox115', 'safari15'],
    platform: 'browser',
    legalComments: 'eof',
    write: false,
    logLevel: 'silent',
  });
  const files = new Map<TabFileName, Buffer>();
  for (const output of result.outputFiles) {
    if (output.path.endsWith('tab.js')) files.set('tab.js', Buffer.from(output.contents));
    else if (output.path.endsWith('tab-style.css')) files.set('tab.css', Buffer.from(output.contents));
  }
  files.set('index.html', await readFile(new URL('index.html', TAB_SOURCE_DIR)));
  for (const name of TAB_FILE_NAMES) if (!files.has(name)) throw new Error(`bundling the tab produced no ${name}`);
  return files;
}
