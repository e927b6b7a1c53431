import type { KuuloResult } from '@kuulo/core';

/**
 * How much the groups disagree about each statement (`result.statements` order): the range over
 * groups of the smoothed net agreement (A+1)/(S+2) − (D+1)/(S+2). 0 means every group leans the
 * same way; the maximum (near 2) means one group all agrees and another all disagrees.
 * Kuulo's own measure: Polis's report has no divisiveness score. The +1/+2 pseudocounts are
 * Polis's, so a group of one or two voters cannot look extreme.
 */
export function conflictScores(result: KuuloResult): number[] {
  return result.statements.map((_, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const g of result.groups) {
      const s = g.tallies.seen[j] ?? 0;
      const net = ((g.tallies.agree[j] ?? 0) - (g.tallies.disagree[j] ?? 0)) / (s + 2);
      if (net < lo) lo = net;
      if (net > hi) hi = net;
    }
    return result.groups.length < 2 ? 0 : hi - lo;
  });
}
