import { PNG } from 'pngjs';
import { PackagingError } from './packagingError.js';

export const COLOR_ICON = { file: 'color.png', size: 192 } as const;
export const OUTLINE_ICON = { file: 'outline.png', size: 32 } as const;

export interface DecodedIcon {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, not premultiplied. */
  data: Buffer;
}

function decodeIcon(file: string, bytes: Buffer): DecodedIcon {
  try {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: png.data };
  } catch (error) {
    throw new PackagingError(
      `${file} is not a readable PNG (${error instanceof Error ? error.message : 'unknown error'})`,
    );
  }
}

function checkSize(file: string, icon: DecodedIcon, size: number): void {
  if (icon.width !== size || icon.height !== size) {
    throw new PackagingError(`${file} must be ${size}x${size} pixels (got ${icon.width}x${icon.height})`);
  }
}

/**
 * Checks the two icons Teams requires: the colour icon 192x192, the outline icon 32x32 with
 * every pixel white (#FFFFFF) or fully transparent, and something visible. Throws naming the icon.
 */
export function checkIcons(icons: { color: Buffer; outline: Buffer }): void {
  const color = decodeIcon(COLOR_ICON.file, icons.color);
  checkSize(COLOR_ICON.file, color, COLOR_ICON.size);

  const outline = decodeIcon(OUTLINE_ICON.file, icons.outline);
  checkSize(OUTLINE_ICON.file, outline, OUTLINE_ICON.size);
  let visible = 0;
  for (let offset = 0; offset < outline.data.length; offset += 4) {
    const [red, green, blue, alpha] = outline.data.subarray(offset, offset + 4);
    if (alpha === 0) continue;
    visible += 1;
    if (red !== 255 || green !== 255 || blue !== 255) {
      const pixel = offset / 4;
      const hex = [red, green, blue].map((channel) => (channel ?? 0).toString(16).padStart(2, '0')).join('');
      throw new PackagingError(
        `${OUTLINE_ICON.file} must be white (#FFFFFF) on transparent: pixel (${pixel % outline.width}, ${Math.floor(pixel / outline.width)}) is #${hex}`,
      );
    }
  }
  if (visible === 0)
    throw new PackagingError(`${OUTLINE_ICON.file} is fully transparent: it must draw the icon in white`);
  if (visible === outline.width * outline.height) {
    throw new PackagingError(`${OUTLINE_ICON.file} must have a transparent background (no pixel is fully transparent)`);
  }
}
