import { mkdir, rm, writeFile } from 'node:fs/promises';
import { bundleTab } from './tabBundle.js';

// `npm run build` step: bundles src/tab into dist/tab, where the built server serves it from.
// The same dist/tab whether run as dist/http/buildTab.js or from src with tsx.
const outDir = new URL('../../dist/tab/', import.meta.url);
const started = performance.now();
const files = await bundleTab();
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
for (const [name, body] of files) await writeFile(new URL(name, outDir), body);
const sizes = [...files].map(([name, body]) => `${name} ${(body.length / 1024).toFixed(1)} KiB`).join(', ');
process.stdout.write(`tab built into dist/tab in ${Math.round(performance.now() - started)} ms: ${sizes}\n`);
