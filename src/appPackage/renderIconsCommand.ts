// `npm run icons`: renders appPackage/color.png and outline.png from appPackage/icons/*.svg.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_PACKAGE_DIR } from './buildAppPackage.js';
import { checkIcons, COLOR_ICON, OUTLINE_ICON } from './checkIcons.js';
import { PackagingError } from './packagingError.js';
import { renderIcons } from './renderIcons.js';

try {
  const icons = renderIcons(APP_PACKAGE_DIR);
  checkIcons(icons);
  for (const [file, bytes] of [
    [COLOR_ICON.file, icons.color],
    [OUTLINE_ICON.file, icons.outline],
  ] as const) {
    const target = join(APP_PACKAGE_DIR, file);
    writeFileSync(`${target}.tmp`, bytes);
    renameSync(`${target}.tmp`, target);
    process.stdout.write(`Wrote appPackage/${file} (${bytes.length} bytes)\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof PackagingError ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
