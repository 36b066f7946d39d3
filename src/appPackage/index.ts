export {
  buildAppPackage,
  APP_PACKAGE_DIR,
  type BuildAppPackageOptions,
  type BuiltAppPackage,
} from './buildAppPackage.js';
export { checkIcons } from './checkIcons.js';
export { manifestCommandLists, MANIFEST_COMMAND_INTENTS } from './manifestCommandLists.js';
export { PackagingError } from './packagingError.js';
export { readPackagingSettings, type PackagingSettings } from './readPackagingSettings.js';
export { renderIcons } from './renderIcons.js';
export { validateManifest } from './validateManifest.js';
