import { parseCsv } from './parseCsv.js';
import { PolisDataError } from './polisDataError.js';
import type { PolisLoadOptions } from './polisTypes.js';

/**
 * Polis open-data `summary.csv`: `key,value` rows (`topic`, `url`, `views`, `voters`, `groups`, …)
 * as a plain object of strings. The file has no header, so its first row is data.
 */
export function parsePolisSummaryCsv(text: string, options: PolisLoadOptions = {}): Record<string, string> {
  const source = options.source ?? 'summary.csv';
  const { header, rows } = parseCsv(text, source);
  if (header.length !== 2) {
    throw new PolisDataError(`expected 2 fields (key,value), got ${header.length}`, { source, line: 1 });
  }
  return Object.fromEntries([header, ...rows.map((row) => row.fields)].map(([key, value]) => [key as string, value as string]));
}
