/**
 * A card submission's inputs as text, one per field: what Teams sends back is untrusted, so a
 * field that is not text (or a number or flag, which is turned into text) reads as empty, and
 * only the submission's own keys count.
 */
export function readCardInputs<Field extends string>(
  data: Readonly<Record<string, unknown>>,
  fields: readonly Field[],
): Record<Field, string> {
  const values = {} as Record<Field, string>;
  for (const field of fields) {
    const value = Object.hasOwn(data, field) ? data[field] : undefined;
    values[field] =
      typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  }
  return values;
}
