import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { COLOR_ICON, OUTLINE_ICON } from './checkIcons.js';

/** Where the vector sources live, relative to the app package folder. */
const ICON_SOURCES = { color: 'icons/color.svg', outline: 'icons/outline.svg' } as const;

function render(svg: string, size: number): Buffer {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  return Buffer.from(resvg.render().asPng());
}

/**
 * Renders the two Teams icons from their SVG sources in `appPackageDir/icons/`. The outline's
 * colour channels are set to white everywhere: anti-aliased edges then differ only in alpha,
 * which is what Teams asks of an outline icon.
 */
export function renderIcons(appPackageDir: string): { color: Buffer; outline: Buffer } {
  const color = render(readFileSync(join(appPackageDir, ICON_SOURCES.color), 'utf8'), COLOR_ICON.size);
  const outlinePng = PNG.sync.read(
    render(readFileSync(join(appPackageDir, ICON_SOURCES.outline), 'utf8'), OUTLINE_ICON.size),
  );
  for (let offset = 0; offset < outlinePng.data.length; offset += 4) outlinePng.data.fill(255, offset, offset + 3);
  return { color, outline: PNG.sync.write(outlinePng) };
}
