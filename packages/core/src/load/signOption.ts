import type { PolisVotesLoadOptions } from './polisTypes.js';

/** Validated `sign` option: true when votes must be negated. */
export function signOption(sign: PolisVotesLoadOptions['sign'], source: string): boolean {
  if (sign === undefined || sign === 'export') return false;
  if (sign === 'internal') return true;
  throw new RangeError(`${source}: option sign must be 'export' or 'internal', got ${String(sign)}`);
}
