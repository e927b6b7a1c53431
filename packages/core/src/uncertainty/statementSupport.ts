import { commentStats } from '../stats/commentStats.js';
import { twoPropZ } from '../stats/proportionTest.js';
import type { GroupResult } from '../types.js';

export interface SignificanceOptions {
  zThreshold: number;
  polisNumerics: boolean;
}

/**
 * Whether statement column `col` is representative of group `h` on `side` in a result's group tallies:
 * Polis's test for a "sufficient" statement (§12.3), both its z against the other groups and its own
 * proportion z above the threshold.
 */
export function significantFor(groups: readonly GroupResult[], h: number, col: number, side: 'agree' | 'disagree', options: SignificanceOptions): boolean {
  let totalSuccess = 0;
  let totalSeen = 0;
  for (const g of groups) {
    totalSuccess += side === 'agree' ? g.tallies.agree[col]! : g.tallies.disagree[col]!;
    totalSeen += g.tallies.seen[col]!;
  }
  const own = groups[h]!.tallies;
  const na = own.agree[col]!;
  const nd = own.disagree[col]!;
  const ns = own.seen[col]!;
  const stats = commentStats(na, nd, ns, options.polisNumerics);
  const success = side === 'agree' ? na : nd;
  const z = twoPropZ(success, totalSuccess - success, ns, totalSeen - ns, { polisNumerics: options.polisNumerics });
  return z > options.zThreshold && (side === 'agree' ? stats.pat : stats.pdt) > options.zThreshold;
}

/** Whether a statement with these overall counts passes Polis's consensus test (§13.1) on `side`. */
export function consensusHolds(agree: number, disagree: number, seen: number, side: 'agree' | 'disagree', options: SignificanceOptions): boolean {
  const stats = commentStats(agree, disagree, seen, options.polisNumerics);
  return side === 'agree' ? stats.pa > 0.5 && stats.pat > options.zThreshold : stats.pd > 0.5 && stats.pdt > options.zThreshold;
}
