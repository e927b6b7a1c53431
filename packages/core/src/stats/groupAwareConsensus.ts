import type { Tallies } from './tallies.js';

/**
 * Polis `group-aware-consensus` for every column, moderated-out ones included: the product over groups, in index
 * (ascending gid) order, of (A + 1)/(S + 2) in double arithmetic. It shrinks as groups are added, so values are
 * only comparable at the same number of groups. With no groups every value is 1 (Polis emits no entries then).
 */
export function groupAwareConsensus(groups: Tallies): Float64Array {
  const { nGroups, nCols, agree, seen } = groups;
  const out = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    let product = nGroups === 0 ? 1 : (agree[j]! + 1) / (seen[j]! + 2);
    for (let g = 1; g < nGroups; g++) product *= (agree[g * nCols + j]! + 1) / (seen[g * nCols + j]! + 2);
    out[j] = product;
  }
  return out;
}
