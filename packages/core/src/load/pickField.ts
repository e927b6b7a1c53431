/** The first of `keys` present (not undefined) on `record`, with the key found; Polis exports spell fields two ways. */
export function pickField(record: Record<string, unknown>, keys: readonly string[]): { key: string; value: unknown } | undefined {
  for (const key of keys) {
    const value = record[key];
    if (value !== undefined) return { key, value };
  }
  return undefined;
}
