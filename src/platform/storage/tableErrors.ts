/** The HTTP status of a failed Table Storage call (Azurite and Azure leave `code` unset on some). */
export function storageStatus(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const { statusCode } = error;
    return typeof statusCode === 'number' ? statusCode : undefined;
  }
  return undefined;
}

export const isNotFound = (error: unknown): boolean => storageStatus(error) === 404;
export const isConflict = (error: unknown): boolean => storageStatus(error) === 409;
/** A stale ETag: somebody else changed the entity first. */
export const isPreconditionFailed = (error: unknown): boolean => storageStatus(error) === 412;
