import { PolisDataError } from './polisDataError.js';

/**
 * Index of the first header column named one of `names` (case-insensitive), −1 when absent and
 * optional; a missing required column is a PolisDataError on line 1.
 */
export function csvColumn(header: readonly string[], names: readonly string[], source: string, required: boolean): number {
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const name of names) {
    const index = lower.indexOf(name);
    if (index !== -1) return index;
  }
  if (!required) return -1;
  throw new PolisDataError(`missing required column "${names[0]}" (header: ${header.join(',')})`, {
    source,
    line: 1,
    field: names[0] as string,
  });
}
