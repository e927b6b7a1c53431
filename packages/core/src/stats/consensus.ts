// Statements most of the conversation agrees (or disagrees) on, Polis `select-consensus-comments` (§13.1).

import type { ConsensusEntry } from '../types.js';
import { defaultOptions } from '../options.js';
import { commentStats } from './commentStats.js';
import type { Tallies } from './tallies.js';

/** One consensus statement (see ConsensusEntry); `col` is the column index in the tallies. */
export type ConsensusRow = Omit<ConsensusEntry, 'statement'> & { col: number };

export interface ConsensusOptions {
  /** One-sided z threshold for significance. Default 1.2816 (90 %). */
  zThreshold?: number;
  /** Statements kept per side. Default 5. */
  consensusPerSide?: number;
  /** Clojure's 16-digit rationals. Default true. */
  polisNumerics?: boolean;
}

/**
 * Overall consensus from the tallies of every participant with a vote (`all.nGroups` must be 1). Per side, keeps
 * statements with p > 0.5 and a significant z, sorted by p·z descending (stable, so ties keep column order).
 * Columns with `modOut[j] = 1` are skipped.
 */
export function consensus(all: Tallies, modOut: Uint8Array, options: ConsensusOptions = {}): { agree: ConsensusRow[]; disagree: ConsensusRow[] } {
  const zThreshold = options.zThreshold ?? defaultOptions.zThreshold;
  const perSide = options.consensusPerSide ?? defaultOptions.consensusPerSide;
  const polisNumerics = options.polisNumerics ?? defaultOptions.polisNumerics;
  if (all.nGroups !== 1) throw new RangeError(`consensus: expected tallies of one group (all participants), got ${all.nGroups} groups`);
  if (modOut.length !== all.nCols) throw new RangeError(`consensus: modOut has ${modOut.length} entries but the tallies have ${all.nCols} columns`);
  if (!Number.isFinite(zThreshold)) throw new RangeError(`consensus: zThreshold must be a finite number, got ${zThreshold}`);
  if (!Number.isInteger(perSide) || perSide < 0) throw new RangeError(`consensus: consensusPerSide must be a non-negative integer, got ${perSide}`);

  const agree: { row: ConsensusRow; metric: number }[] = [];
  const disagree: { row: ConsensusRow; metric: number }[] = [];
  for (let j = 0; j < all.nCols; j++) {
    if (modOut[j]) continue;
    const st = commentStats(all.agree[j]!, all.disagree[j]!, all.seen[j]!, polisNumerics);
    if (st.pa > 0.5 && st.pat > zThreshold) {
      agree.push({ row: { col: j, nSuccess: st.na, nTrials: st.ns, pSuccess: st.pa, pTest: st.pat }, metric: st.pa * st.pat });
    }
    if (st.pd > 0.5 && st.pdt > zThreshold) {
      disagree.push({ row: { col: j, nSuccess: st.nd, nTrials: st.ns, pSuccess: st.pd, pTest: st.pdt }, metric: st.pd * st.pdt });
    }
  }
  return { agree: top(agree, perSide), disagree: top(disagree, perSide) };
}

function top(entries: { row: ConsensusRow; metric: number }[], n: number): ConsensusRow[] {
  return entries
    .sort((x, y) => (x.metric > y.metric ? -1 : x.metric < y.metric ? 1 : 0))
    .slice(0, n)
    .map((x) => x.row);
}
