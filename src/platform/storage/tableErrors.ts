/** The HTTP status of a failed Table Storage call (Azurite and Azure leave `code` unset on some). */
function storageStatus(error: unknown): number | undefined {
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

/** What a read gives, or undefined when there is nothing there (404). */
export async function unlessMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Whether a write happened: false when it failed one of the expected ways (such as 409 or 412), other errors thrown. */
export async function succeeds(
  write: () => Promise<unknown>,
  ...expected: ((error: unknown) => boolean)[]
): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (expected.some((is) => is(error))) return false;
    throw error;
  }
}
