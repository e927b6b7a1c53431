// Representative statements per opinion group (Polis `repness.clj`: conv-repness + select-rep-comments, §12).

import { float32ForJson } from '../clojure/float32.js';
import { defaultOptions } from '../options.js';
import { commentStats, type CommentStats } from './commentStats.js';
import { twoPropZ } from './proportionTest.js';
import { topByMetric } from './topByMetric.js';
import { quotient } from './quotient.js';
import type { CellMemo } from './statsMemo.js';
import type { RepnessEntry } from '../types.js';
import type { Tallies } from './tallies.js';

/** One representative statement of a group (see RepnessEntry); `col` is the column index in the tallies. */
export type RepnessRow = Omit<RepnessEntry, 'statement'> & { col: number };

export interface RepnessOptions {
  /** One-sided z threshold for significance. Default 1.2816 (90 %). */
  zThreshold?: number;
  /** Statements kept per group. Default 5. */
  repnessPerGroup?: number;
  /** Clojure's 16-digit rationals and float32 `repness-test`. Default true. */
  polisNumerics?: boolean;
  /** Cell statistics kept between calls (warm updates); the output is the same with or without. */
  memo?: CellMemo | null;
}

interface CellStats extends CommentStats {
  col: number;
  ra: number;
  rd: number;
  rat: number;
  rdt: number;
}

/** A finalized entry during selection; `test` is z as Polis compares it (float32 under polisNumerics). */
type Entry = Omit<RepnessRow, 'repnessTest'> & { test: number };

interface GroupState {
  /** Significant statements met so far. */
  sufficient: number;
  /**
   * The significant entries that can still be chosen: the first `limit` by descending metric (stable), in that
   * order; with no limit (Infinity), every one in column order.
   */
  kept: Entry[];
  keptMetric: number[];
  limit: number;
  /** A NaN metric was met (the ranking then needs every entry: see `repness`). */
  nan: boolean;
  best: Entry | null;
  bestAgree: CellStats | null;
}

/**
 * Representative statements of each group, `result[g]` for group index g. "Rest" is the sum over the other
 * groups, never the whole conversation. Columns with `modOut[j] = 1` are skipped. Entries follow Polis exactly:
 * the best-agree statement first (even when not significant, and possibly repful for disagree), then significant
 * statements by descending repness·test·p·pTest (stable), at most `repnessPerGroup`, agrees before disagrees.
 */
export function repness(groups: Tallies, modOut: Uint8Array, options: RepnessOptions = {}): RepnessRow[][] {
  const zThreshold = options.zThreshold ?? defaultOptions.zThreshold;
  const perGroup = options.repnessPerGroup ?? defaultOptions.repnessPerGroup;
  const polisNumerics = options.polisNumerics ?? defaultOptions.polisNumerics;
  if (!Number.isFinite(zThreshold)) throw new RangeError(`repness: zThreshold must be a finite number, got ${zThreshold}`);
  if (!Number.isInteger(perGroup) || perGroup < 1) throw new RangeError(`repness: repnessPerGroup must be a positive integer, got ${perGroup}`);
  const { nGroups, nCols, agree, disagree, seen } = groups;
  if (modOut.length !== nCols) throw new RangeError(`repness: modOut has ${modOut.length} entries but the tallies have ${nCols} columns`);

  const memo = options.memo ?? null;
  memo?.prepare(nCols, nGroups, String(polisNumerics));
  const testOptions = { polisNumerics };
  // Only the perGroup best significant entries can be chosen (the best-agree one is chosen first and dropped from
  // them, so perGroup − 1 others always remain); a NaN metric would break that ranking, so then keep them all.
  const scan = (limit: number): GroupState[] => {
    const states: GroupState[] = Array.from({ length: nGroups }, () => ({ sufficient: 0, kept: [], keptMetric: [], limit, nan: false, best: null, bestAgree: null }));
    for (let j = 0; j < nCols; j++) {
      if (modOut[j]) continue;
      let totalA = 0;
      let totalD = 0;
      let totalS = 0;
      for (let g = 0; g < nGroups; g++) {
        totalA += agree[g * nCols + j]!;
        totalD += disagree[g * nCols + j]!;
        totalS += seen[g * nCols + j]!;
      }
      for (let g = 0; g < nGroups; g++) {
        const i = g * nCols + j;
        const na = agree[i]!;
        const nd = disagree[i]!;
        const ns = seen[i]!;
        const rna = totalA - na;
        const rnd = totalD - nd;
        const rns = totalS - ns;
        let v = scratch;
        let at = 0;
        if (memo !== null) {
          const key = memo.key;
          key[0] = na;
          key[1] = nd;
          key[2] = ns;
          key[3] = rna;
          key[4] = rnd;
          key[5] = rns;
          at = memo.lookup(j * nGroups + g);
          v = memo.values;
          if (memo.fresh) {
            // The group's own statistics depend on its counts (the first three key entries) alone: when only the
            // rest changed, as a vote in another group does, only the comparisons with the rest are recomputed.
            if (memo.matched >= 3) restStats(v, at, na, nd, ns, rna, rnd, rns, polisNumerics, testOptions);
            else cellStats(v, at, na, nd, ns, rna, rnd, rns, polisNumerics, testOptions);
            memo.keep();
          }
        } else cellStats(v, at, na, nd, ns, rna, rnd, rns, polisNumerics, testOptions);
        visit(states[g]!, v, at, na, nd, ns, j, zThreshold, polisNumerics);
      }
    }
    return states;
  };
  let states = scan(perGroup);
  if (states.some((state) => state.nan)) states = scan(Infinity);
  return states.map((state) => selectRows(state, perGroup, polisNumerics));
}

const scratch = new Float64Array(8);

// pa, pd, pat, pdt, ra, rd, rat, rdt of one (group, statement) cell at v[at…at+7].
function cellStats(v: Float64Array, at: number, na: number, nd: number, ns: number, rna: number, rnd: number, rns: number, polisNumerics: boolean, testOptions: { polisNumerics: boolean }): void {
  const base = commentStats(na, nd, ns, polisNumerics);
  v[at] = base.pa;
  v[at + 1] = base.pd;
  v[at + 2] = base.pat;
  v[at + 3] = base.pdt;
  restStats(v, at, na, nd, ns, rna, rnd, rns, polisNumerics, testOptions);
}

// ra, rd, rat, rdt of one cell at v[at+4…at+7]: the comparisons of the group with the rest.
function restStats(v: Float64Array, at: number, na: number, nd: number, ns: number, rna: number, rnd: number, rns: number, polisNumerics: boolean, testOptions: { polisNumerics: boolean }): void {
  // pa / ((rna+1)/(rns+2)) as one exact rational.
  v[at + 4] = productQuotient(na + 1, rns + 2, ns + 2, rna + 1, polisNumerics);
  v[at + 5] = productQuotient(nd + 1, rns + 2, ns + 2, rnd + 1, polisNumerics);
  v[at + 6] = twoPropZ(na, rna, ns, rns, testOptions);
  v[at + 7] = twoPropZ(nd, rnd, ns, rns, testOptions);
}

/** (a·b)/(c·d) as an exact rational, in BigInt once the products leave the safe integers. */
function productQuotient(a: number, b: number, c: number, d: number, polisNumerics: boolean): number {
  const numerator = a * b;
  const denominator = c * d;
  if (Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator)) return quotient(numerator, denominator, polisNumerics);
  return quotient(BigInt(a) * BigInt(b), BigInt(c) * BigInt(d), polisNumerics);
}

/**
 * One step of Polis's per-group reduction over the statements, in column order, on the cell's statistics
 * v[at…at+7] (pa, pd, pat, pdt, ra, rd, rat, rdt); the cell becomes an object only when it is kept.
 */
function visit(state: GroupState, v: Float64Array, at: number, na: number, nd: number, ns: number, col: number, z: number, polisNumerics: boolean): void {
  const pa = v[at]!;
  const pd = v[at + 1]!;
  const pat = v[at + 2]!;
  const pdt = v[at + 3]!;
  const ra = v[at + 4]!;
  const rd = v[at + 5]!;
  const rat = v[at + 6]!;
  const rdt = v[at + 7]!;
  let st: CellStats | null = null;
  if ((rat > z && pat > z) || (rdt > z && pdt > z)) {
    state.sufficient++;
    if (state.limit === Infinity) state.kept.push(finalize((st ??= cellOf(v, at, na, nd, ns, col)), polisNumerics));
    else {
      // The entry's ranking metric (as finalize and selectRows compute it), before making the entry.
      const agreeSide = rat > rdt;
      const test = polisNumerics ? Math.fround(agreeSide ? rat : rdt) : agreeSide ? rat : rdt;
      const metric = (agreeSide ? ra : rd) * test * (agreeSide ? pa : pd) * (agreeSide ? pat : pdt);
      const { kept, keptMetric } = state;
      if (metric !== metric) state.nan = true;
      else if (kept.length < state.limit || metric > keptMetric[kept.length - 1]!) {
        // After every kept entry with a metric at least as large: equal metrics stay in column order.
        let p = kept.length;
        while (p > 0 && keptMetric[p - 1]! < metric) p--;
        kept.splice(p, 0, finalize((st ??= cellOf(v, at, na, nd, ns, col)), polisNumerics));
        keptMetric.splice(p, 0, metric);
        if (kept.length > state.limit) (kept.length = state.limit), (keptMetric.length = state.limit);
      }
    }
  }
  // The fallback "best" is tracked only while nothing is significant, comparing against its stored (float32) z.
  if (state.sufficient === 0 && (state.best === null || Math.max(rat, rdt) > state.best.test)) {
    state.best = finalize((st ??= cellOf(v, at, na, nd, ns, col)), polisNumerics);
  }
  if (beatsBestAgree(na, nd, pa, pat, ra, rat, state.bestAgree, z)) state.bestAgree = st ?? cellOf(v, at, na, nd, ns, col);
}

function cellOf(v: Float64Array, at: number, na: number, nd: number, ns: number, col: number): CellStats {
  return { na, nd, ns, pa: v[at]!, pd: v[at + 1]!, pat: v[at + 2]!, pdt: v[at + 3]!, col, ra: v[at + 4]!, rd: v[at + 5]!, rat: v[at + 6]!, rdt: v[at + 7]! };
}

/** Polis `beats-best-agr?`; Clojure converts each rational to a double before these left-to-right products. */
function beatsBestAgree(na: number, nd: number, pa: number, pat: number, ra: number, rat: number, current: CellStats | null, z: number): boolean {
  if (na === 0 && nd === 0) return false;
  if (current !== null && current.ra > 1) return ra * rat * pa * pat > current.ra * current.rat * current.pa * current.pat;
  if (current !== null) return pa * pat > current.pa * current.pat;
  return pat > z || (ra > 1 && pa > 0.5);
}

/** Chooses the side: agree only when its z is strictly larger (ties go to disagree, as in Polis). */
function finalize(st: CellStats, polisNumerics: boolean): Entry {
  const agreeSide = st.rat > st.rdt;
  const z = agreeSide ? st.rat : st.rdt;
  return {
    col: st.col,
    nSuccess: agreeSide ? st.na : st.nd,
    nTrials: st.ns,
    pSuccess: agreeSide ? st.pa : st.pd,
    pTest: agreeSide ? st.pat : st.pdt,
    repness: agreeSide ? st.ra : st.rd,
    repfulFor: agreeSide ? 'agree' : 'disagree',
    test: polisNumerics ? Math.fround(z) : z,
  };
}

function selectRows(state: GroupState, perGroup: number, polisNumerics: boolean): RepnessRow[] {
  const head = state.bestAgree && { ...finalize(state.bestAgree, polisNumerics), nAgree: state.bestAgree.na, bestAgree: true as const };
  let chosen: Entry[];
  if (state.sufficient === 0) chosen = head ? [head] : state.best ? [state.best] : [];
  else {
    const others = head === null ? state.kept : state.kept.filter((entry) => entry.col !== head.col);
    // Stable, so equal metrics keep column order as Clojure's sort-by does (kept entries are ranked already).
    const count = head ? perGroup - 1 : perGroup;
    const ranked = state.limit === Infinity ? topByMetric(others, count, (entry) => entry.repness * entry.test * entry.pSuccess * entry.pTest) : others.slice(0, count);
    const top = head ? [head, ...ranked] : ranked;
    chosen = [...top.filter((entry) => entry.repfulFor === 'agree'), ...top.filter((entry) => entry.repfulFor === 'disagree')];
  }
  return chosen.map(toRow);

  function toRow({ test, ...rest }: Entry): RepnessRow {
    const { nAgree, bestAgree, ...fields } = rest;
    const row: RepnessRow = { ...fields, repnessTest: polisNumerics ? float32ForJson(test) : test };
    return bestAgree ? { ...row, nAgree: nAgree!, bestAgree } : row;
  }
}
