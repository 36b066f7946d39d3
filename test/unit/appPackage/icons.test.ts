import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR } from '../../../src/appPackage/buildAppPackage.js';
import { checkIcons } from '../../../src/appPackage/checkIcons.js';
import { renderIcons } from '../../../src/appPackage/renderIcons.js';

const committed = {
  color: readFileSync(join(APP_PACKAGE_DIR, 'color.png')),
  outline: readFileSync(join(APP_PACKAGE_DIR, 'outline.png')),
};

/** The largest difference in any channel of any pixel. */
function largestDifference(a: Buffer, b: Buffer): number {
  const left = PNG.sync.read(a);
  const right = PNG.sync.read(b);
  expect([left.width, left.height]).toEqual([right.width, right.height]);
  let largest = 0;
  for (let index = 0; index < left.data.length; index += 1) {
    largest = Math.max(largest, Math.abs((left.data[index] ?? 0) - (right.data[index] ?? 0)));
  }
  return largest;
}

describe('the app icons', () => {
  it('are rendered from the SVG sources into icons Teams accepts', () => {
    expect(() => {
      checkIcons(renderIcons(APP_PACKAGE_DIR));
    }).not.toThrow();
  });

  it('are committed as rendered from the current SVG sources (run npm run icons after editing them)', () => {
    const rendered = renderIcons(APP_PACKAGE_DIR);

    // A renderer on another CPU may round an edge pixel differently; a changed drawing differs by far more.
    expect(largestDifference(committed.color, rendered.color)).toBeLessThanOrEqual(2);
    expect(largestDifference(committed.outline, rendered.outline)).toBeLessThanOrEqual(2);
  });

  it("use the NHS-friendly blue of the manifest's accent colour in the colour icon", () => {
    const color = PNG.sync.read(committed.color);
    const accent = (JSON.parse(readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as { accentColor: string })
      .accentColor;
    const corner = [...color.data.subarray(0, 3)].map((channel) => channel.toString(16).padStart(2, '0')).join('');

    expect(`#${corner}`.toUpperCase()).toBe(accent.toUpperCase());
  });
});
