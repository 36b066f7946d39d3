/** A reason the app package cannot be built; its message names the setting, placeholder or file. */
export class PackagingError extends Error {
  override name = 'PackagingError';
}
