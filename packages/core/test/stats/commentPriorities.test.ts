import { describe, expect, it } from 'vitest';
import { commentPriorities } from '../../src/stats/commentPriorities.js';
import type { Tallies } from '../../src/stats/tallies.js';
import { loadStatsFixture, polisFixtureNames, polisGroupVotes } from './polisFixture.js';

/** Tallies from `cells[g][j] = [A, D, S]`. */
function tallies(cells: [number, number, number][][]): Tallies {
  const nCols = cells[0]!.length;
  const flat = cells.flat();
  return { nGroups: cells.length, nCols, agree: Int32Array.from(flat, (c) => c[0]), disagree: Int32Array.from(flat, (c) => c[1]), seen: Int32Array.from(flat, (c) => c[2]) };
}

describe('commentPriorities', () => {
  it('gives (2.25·(E+1))² on the first update (no previous votes): 5.0625 at E = 0', () => {
    const out = commentPriorities(null, Float64Array.of(0, 1, 0.5), new Uint8Array(3));
    expect(out).toEqual(Float64Array.of(5.0625, 20.25, (2.25 * 1.5) ** 2));
  });

  it('gives meta statements 7² = 49 whatever their votes', () => {
    const out = commentPriorities(tallies([[[0, 9, 9], [9, 0, 9]]]), Float64Array.of(3, 0), Uint8Array.of(1, 0));
    expect(out[0]).toBe(49);
    expect(out[1]).not.toBe(49);
  });

  it('is ((1 − (P+1)/(S+2))·(E+1)·(A+1)/(S+2)·(1 + 8·2^(−S/5)))² with votes summed over groups', () => {
    // A = 3, D = 1, S = 5 so P = 1; E = 0.5; novelty 1 + 8/2 = 5.
    const out = commentPriorities(tallies([[[3, 1, 5]]]), Float64Array.of(0.5), Uint8Array.of(0));
    expect(out[0]).toBeCloseTo(((5 / 7) * 1.5 * (4 / 7) * 5) ** 2, 12);
    const split = commentPriorities(tallies([[[1, 1, 2]], [[2, 0, 3]]]), Float64Array.of(0.5), Uint8Array.of(0));
    expect(split).toEqual(out);
  });

  it('halves the novelty boost (beyond 1) every 5 votes', () => {
    // With A = S (no passes or disagrees) and E = 0 the importance is (1 − 1/(S+2))·(S+1)/(S+2).
    const priority = (s: number) => commentPriorities(tallies([[[s, 0, s]]]), Float64Array.of(0), Uint8Array.of(0))[0]!;
    const importance = (s: number) => ((s + 1) / (s + 2)) ** 2;
    expect(Math.sqrt(priority(5)) / importance(5)).toBeCloseTo(5, 12);
    expect(Math.sqrt(priority(10)) / importance(10)).toBeCloseTo(3, 12);
  });

  it('rejects mismatched lengths and bad extremities, naming the value', () => {
    expect(() => commentPriorities(null, Float64Array.of(0), new Uint8Array(2))).toThrow(/meta has 2 entries but extremity has 1/);
    expect(() => commentPriorities(tallies([[[0, 0, 0], [0, 0, 0]]]), Float64Array.of(0), new Uint8Array(1))).toThrow(/previous tallies have 2 columns but extremity has 1/);
    expect(() => commentPriorities(null, Float64Array.of(Number.NaN), new Uint8Array(1))).toThrow(/extremity\[0\] must be a finite non-negative number, got NaN/);
    expect(() => commentPriorities(null, Float64Array.of(-1), new Uint8Array(1))).toThrow(/got -1/);
  });
});

describe.each(polisFixtureNames)('commentPriorities on the Polis fixture %s', (name) => {
  const f = loadStatsFixture(name);
  // Polis reads the previous update's group-votes; these fixtures were written at steady state, so the stored
  // group-votes are the ones the last update read.
  const ours = commentPriorities(polisGroupVotes(f.math), Float64Array.from(f.math.pca['comment-extremity']), f.meta);
  const polis = Float64Array.from(f.math.tids, (tid) => f.math['comment-priorities'][String(tid)]!);

  if (name === '50ptpt-3gp-strict-no-meta') {
    it('differs from Polis, whose output here is the 2025 "all-49" regression', () => {
      // Between PR #1961 (March 2025) and its fix (#2611) Polis's meta lookup returned 0 for non-meta statements;
      // 0 is truthy in Clojure, so every statement got the meta priority 49. This fixture has no meta statements,
      // so the intended formula must give no 49 at all.
      expect(f.math['meta-tids']).toEqual([]);
      expect(polis.every((x) => x === 49)).toBe(true);
      expect(ours.some((x) => x === 49)).toBe(false);
      expect(ours.every((x) => x > 0 && Number.isFinite(x))).toBe(true);
    });
  } else {
    it('equals Polis comment-priorities bit for bit (meta statements 49)', () => {
      expect(ours).toEqual(polis);
    });
  }
});
