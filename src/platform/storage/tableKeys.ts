/**
 * Table keys may not contain / \ # ? or control characters, and Teams ids contain ':' '@' ';'.
 * base64url keeps any id usable as a key and reversible.
 */
export function toTableKey(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function fromTableKey(key: string): string {
  return Buffer.from(key, 'base64url').toString('utf8');
}
