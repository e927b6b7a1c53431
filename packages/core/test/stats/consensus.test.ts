import { describe, expect, it } from 'vitest';
import { ratioToDouble } from '../../src/clojure/ratio.js';
import type { CsrMatrix } from '../../src/matrix/csrMatrix.js';
import { consensus, type ConsensusRow } from '../../src/stats/consensus.js';
import { propZ } from '../../src/stats/proportionTest.js';
import { tallyRows, type Tallies } from '../../src/stats/tallies.js';
import { loadStatsFixture, polisFixtureNames, type PolisConsensusEntry } from './polisFixture.js';

/** One-group tallies from `[A, D, S]` per column. */
function tallies(cells: [number, number, number][]): Tallies {
  return {
    nGroups: 1,
    nCols: cells.length,
    agree: Int32Array.from(cells, (c) => c[0]),
    disagree: Int32Array.from(cells, (c) => c[1]),
    seen: Int32Array.from(cells, (c) => c[2]),
  };
}

const asPolis = (rows: ConsensusRow[], tids: readonly number[]): PolisConsensusEntry[] =>
  rows.map((r) => ({ tid: tids[r.col]!, 'n-success': r.nSuccess, 'n-trials': r.nTrials, 'p-success': r.pSuccess, 'p-test': r.pTest }));

describe('consensus', () => {
  const t = tallies([
    [9, 0, 10], // agree: p = 10/12, z ≈ 2.7
    [5, 0, 10], // p = 6/12 is not above 0.5
    [0, 9, 10], // disagree
    [9, 0, 10], // same as column 0: ties keep column order
    [20, 0, 20], // the strongest agree
    [30, 0, 30], // moderated out below
  ]);
  const modOut = Uint8Array.of(0, 0, 0, 0, 0, 1);

  it('keeps p > 0.5 and z > threshold per side, sorted by p·z descending with ties in column order', () => {
    const c = consensus(t, modOut);
    expect(c.agree.map((r) => r.col)).toEqual([4, 0, 3]);
    expect(c.disagree.map((r) => r.col)).toEqual([2]);
    expect(c.disagree[0]).toEqual({ col: 2, nSuccess: 9, nTrials: 10, pSuccess: ratioToDouble(10, 12), pTest: propZ(9, 10) });
    expect(c.disagree[0]!.pTest).toBeCloseTo(2 * Math.sqrt(11) * (10 / 11 - 0.5), 14);
  });

  it('keeps at most consensusPerSide per side and honours zThreshold', () => {
    expect(consensus(t, modOut, { consensusPerSide: 2 }).agree.map((r) => r.col)).toEqual([4, 0]);
    expect(consensus(t, modOut, { zThreshold: 3 }).agree.map((r) => r.col)).toEqual([4]);
  });

  it('rejects tallies of several groups and a mismatched modOut', () => {
    const two: Tallies = { nGroups: 2, nCols: 1, agree: new Int32Array(2), disagree: new Int32Array(2), seen: new Int32Array(2) };
    expect(() => consensus(two, Uint8Array.of(0))).toThrow(/expected tallies of one group \(all participants\), got 2 groups/);
    expect(() => consensus(t, Uint8Array.of(0))).toThrow(/modOut has 1 entries but the tallies have 6 columns/);
  });
});

describe.each(polisFixtureNames)('consensus on the Polis fixture %s', (name) => {
  const f = loadStatsFixture(name);

  it('equals Polis consensus bit for bit, over every participant with a vote', () => {
    const all = tallyRows(f.matrix, new Int32Array(f.matrix.nRows), 1);
    const ours = consensus(all, f.modOut);
    expect({ agree: asPolis(ours.agree, f.math.tids), disagree: asPolis(ours.disagree, f.math.tids) }).toStrictEqual(f.math.consensus);
  });
});

describe('the 50ptpt-3gp-strict-no-meta fixture lacks one participant’s votes', () => {
  const f = loadStatsFixture('50ptpt-3gp-strict-no-meta');
  const ourCounts = new Map<number, number>();
  for (const v of f.votes) ourCounts.set(v.pid, (ourCounts.get(v.pid) ?? 0) + 1);
  const missing = Object.entries(f.math['user-vote-counts']).filter(([pid, n]) => n !== (ourCounts.get(Number(pid)) ?? 0));

  it('misses exactly pid 50 (4 votes in Polis user-vote-counts, none in votes.json), who is in no group', () => {
    expect(missing).toEqual([['50', 4]]);
    expect(f.math['in-conv']).not.toContain(50);
    expect(f.math['base-clusters'].members.flat()).not.toContain(50);
    // So group-votes, repness and group-aware consensus (grouped participants only) cannot be affected.
  });

  // Polis's column means (pca.center) still count pid 50: one extra disagree (+1) vote on each of tids 1, 4, 12, 20.
  const all = tallyRows(f.matrix, new Int32Array(f.matrix.nRows), 1);
  const shifted = f.math.tids.filter((tid, j) => {
    if (f.modOut[j]) return false; // Polis zeroes moderated-out columns, so their centre is 0
    const mean = (all.disagree[j]! - all.agree[j]!) / all.seen[j]!;
    return Math.abs(mean - f.math.pca.center[j]!) > 1e-9;
  });

  it('locates the 4 missing votes from pca.center: a disagree on tids 1, 4, 12 and 20', () => {
    expect(shifted).toEqual([1, 4, 12, 20]);
    for (const tid of shifted) {
      const j = f.math.tids.indexOf(tid);
      const withVote = (all.disagree[j]! - all.agree[j]! + 1) / (all.seen[j]! + 1);
      expect(Math.abs(withVote - f.math.pca.center[j]!)).toBeLessThan(1e-12);
    }
  });

  it('still gives Polis consensus exactly once those votes are restored, and none of those tids is in it', () => {
    const listed = [...f.math.consensus.agree, ...f.math.consensus.disagree].map((e) => e.tid);
    expect(shifted.filter((tid) => listed.includes(tid))).toEqual([]);
    const cols = shifted.map((tid) => f.math.tids.indexOf(tid)).sort((x, y) => x - y);
    const m = f.matrix;
    const restored: CsrMatrix = {
      nRows: m.nRows + 1,
      nCols: m.nCols,
      rowPtr: Int32Array.of(...m.rowPtr, m.rowPtr[m.nRows]! + cols.length),
      colIdx: Int32Array.of(...m.colIdx, ...cols),
      values: Int8Array.of(...m.values, ...cols.map(() => 1)),
    };
    const ours = consensus(tallyRows(restored, new Int32Array(restored.nRows), 1), f.modOut);
    expect({ agree: asPolis(ours.agree, f.math.tids), disagree: asPolis(ours.disagree, f.math.tids) }).toStrictEqual(f.math.consensus);
  });
});
