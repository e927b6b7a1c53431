// Statements most of the conversation agrees (or disagrees) on, Polis `select-consensus-comments` (§13.1).

import type { ConsensusEntry } from '../types.js';
import { defaultOptions } from '../options.js';
import { commentStats } from './commentStats.js';
import { topByMetric } from './topByMetric.js';
import type { CellMemo } from './statsMemo.js';
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
  /** Column statistics kept between calls (warm updates); the output is the same with or without. */
  memo?: CellMemo | null;
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

  const memo = options.memo ?? null;
  memo?.prepare(all.nCols, 1, String(polisNumerics));
  const agree: { row: ConsensusRow; metric: number }[] = [];
  const disagree: { row: ConsensusRow; metric: number }[] = [];
  for (let j = 0; j < all.nCols; j++) {
    if (modOut[j]) continue;
    const st = memoStats(memo, j, all.agree[j]!, all.disagree[j]!, all.seen[j]!, polisNumerics);
    if (st.pa > 0.5 && st.pat > zThreshold) {
      agree.push({ row: { col: j, nSuccess: st.na, nTrials: st.ns, pSuccess: st.pa, pTest: st.pat }, metric: st.pa * st.pat });
    }
    if (st.pd > 0.5 && st.pdt > zThreshold) {
      disagree.push({ row: { col: j, nSuccess: st.nd, nTrials: st.ns, pSuccess: st.pd, pTest: st.pdt }, metric: st.pd * st.pdt });
    }
  }
  return { agree: top(agree, perSide), disagree: top(disagree, perSide) };
}

// commentStats through the memo: na, nd, ns and the four rates.
function memoStats(memo: CellMemo | null, j: number, na: number, nd: number, ns: number, polisNumerics: boolean): { na: number; nd: number; ns: number; pa: number; pd: number; pat: number; pdt: number } {
  if (memo === null) return commentStats(na, nd, ns, polisNumerics);
  const key = memo.key;
  key[0] = na;
  key[1] = nd;
  key[2] = ns;
  const at = memo.lookup(j);
  const v = memo.values;
  if (memo.fresh) {
    const st = commentStats(na, nd, ns, polisNumerics);
    v[at] = st.pa;
    v[at + 1] = st.pd;
    v[at + 2] = st.pat;
    v[at + 3] = st.pdt;
    memo.keep();
  }
  return { na, nd, ns, pa: v[at]!, pd: v[at + 1]!, pat: v[at + 2]!, pdt: v[at + 3]! };
}

function top(entries: { row: ConsensusRow; metric: number }[], n: number): ConsensusRow[] {
  return topByMetric(entries, n, (x) => x.metric).map((x) => x.row);
}
