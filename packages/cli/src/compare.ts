import type { CliIo } from './cliIo.js';
import { compareGroupings } from './compareGroupings.js';
import { formatComparison } from './formatComparison.js';
import { readGrouping } from './readGrouping.js';

export interface CompareOptions {
  /** Machine-readable output (the `Comparison` object). Default false. */
  json?: boolean;
  pretty?: boolean;
}

/** `kuulo compare a b`: agreement between two groupings of one conversation. */
export async function compare(pathA: string, pathB: string, options: CompareOptions, io: CliIo): Promise<void> {
  const [a, b] = await Promise.all([readGrouping(pathA), readGrouping(pathB)]);
  const comparison = compareGroupings(a, b);
  io.stdout.write(options.json ? `${JSON.stringify(comparison, null, options.pretty ? 2 : undefined)}\n` : formatComparison(comparison));
}
