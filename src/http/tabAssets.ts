import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { bundleTab, TAB_FILE_NAMES, TAB_FILES, type TabFileName } from './tabBundle.js';

export interface TabFile {
  body: Buffer;
  /** The same bytes gzipped once, for browsers that accept it (the script shrinks to a third). */
  gzipped: Buffer;
  contentType: string;
  /** Quoted strong ETag of `body`; the gzipped copy's tag adds `-gz`. */
  etag: string;
}

export interface TabAssets {
  /** `built`: read from dist/tab at start-up; `bundled`: esbuild on the first request. */
  readonly mode: 'built' | 'bundled';
  get(name: TabFileName): Promise<TabFile>;
}

/** Beside the server: dist/tab for the built server; src/tab (sources only) under tests and tsx. */
const BUILT_TAB_DIR = new URL('../tab/', import.meta.url);

function tabFile(name: TabFileName, body: Buffer): TabFile {
  return {
    body,
    gzipped: gzipSync(body, { level: 9 }),
    contentType: TAB_FILES[name],
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
}

/**
 * The built tab when `npm run build` made one (production needs no bundler), otherwise the
 * sources bundled in memory once, on first use, so tests and `tsx` always serve current code.
 */
export function loadTabAssets(builtDir: URL = BUILT_TAB_DIR): TabAssets {
  if (TAB_FILE_NAMES.every((name) => existsSync(new URL(name, builtDir)))) {
    const files = new Map(TAB_FILE_NAMES.map((name) => [name, tabFile(name, readFileSync(new URL(name, builtDir)))]));
    return {
      mode: 'built',
      get(name) {
        const file = files.get(name);
        return file ? Promise.resolve(file) : Promise.reject(new Error(`no ${name}`));
      },
    };
  }
  let bundled: Promise<Map<TabFileName, TabFile>> | undefined;
  return {
    mode: 'bundled',
    async get(name) {
      bundled ??= bundleTab().then((files) => new Map([...files].map(([file, body]) => [file, tabFile(file, body)])));
      try {
        const file = (await bundled).get(name);
        if (!file) throw new Error(`no ${name}`);
        return file;
      } catch (error) {
        bundled = undefined; // let the next request try again
        throw error;
      }
    },
  };
}
