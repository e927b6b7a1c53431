import { defaultOptions } from '../options.js';
import type { Tallies } from './tallies.js';

export interface GroupAwareConsensusOptions {
  /**
   * Reproduce Polis's floating point: each factor is (A + 1.0) · (1/(S + 2.0)), because core.matrix's `/` on
   * doubles multiplies by the reciprocal (1 ulp off plain division in about half the fixture values). Default true.
   */
  polisNumerics?: boolean;
}

/**
 * Polis `group-aware-consensus` for every column, moderated-out ones included: the product over groups, in index
 * (ascending gid) order, of (A + 1)/(S + 2) in double arithmetic. It shrinks as groups are added, so values are
 * only comparable at the same number of groups. With no groups every value is 1 (Polis emits no entries then).
 */
export function groupAwareConsensus(groups: Tallies, options: GroupAwareConsensusOptions = {}): Float64Array {
  const polisNumerics = options.polisNumerics ?? defaultOptions.polisNumerics;
  const { nGroups, nCols, agree, seen } = groups;
  const factor = polisNumerics ? (a: number, s: number) => (a + 1) * (1 / (s + 2)) : (a: number, s: number) => (a + 1) / (s + 2);
  const out = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    let product = nGroups === 0 ? 1 : factor(agree[j]!, seen[j]!);
    for (let g = 1; g < nGroups; g++) product *= factor(agree[g * nCols + j]!, seen[g * nCols + j]!);
    out[j] = product;
  }
  return out;
}
