import { describe, expect, it } from 'vitest';
import { groupAwareConsensus } from '../../src/stats/groupAwareConsensus.js';
import { tallyRows, type Tallies } from '../../src/stats/tallies.js';
import { loadStatsFixture, polisFixtureNames } from './polisFixture.js';

/** Tallies from `cells[g][j] = [A, S]` (disagree counts play no part here). */
function tallies(cells: [number, number][][]): Tallies {
  const nGroups = cells.length;
  const nCols = cells[0]?.length ?? 0;
  return {
    nGroups,
    nCols,
    agree: Int32Array.from(cells.flat(), (c) => c[0]),
    disagree: new Int32Array(nGroups * nCols),
    seen: Int32Array.from(cells.flat(), (c) => c[1]),
  };
}

describe('groupAwareConsensus', () => {
  it('multiplies (A + 1)/(S + 2) over the groups, column by column', () => {
    const out = groupAwareConsensus(tallies([[[2, 3], [0, 0]], [[0, 4], [5, 5]]]));
    expect(out).toBeInstanceOf(Float64Array);
    expect(out[0]).toBeCloseTo((3 / 5) * (1 / 6), 15);
    expect(out[1]).toBeCloseTo((1 / 2) * (6 / 7), 15);
  });

  it('multiplies by the reciprocal as Polis (core.matrix) does with polisNumerics, divides without', () => {
    // 3 · (1/5) = 0.6000000000000001 whereas 3/5 = 0.6.
    expect(groupAwareConsensus(tallies([[[2, 3]]]))[0]).toBe(0.6000000000000001);
    expect(groupAwareConsensus(tallies([[[2, 3]]]), { polisNumerics: false })[0]).toBe(0.6);
  });

  it('is 1 for every column when there are no groups', () => {
    const none: Tallies = { nGroups: 0, nCols: 2, agree: new Int32Array(0), disagree: new Int32Array(0), seen: new Int32Array(0) };
    expect(groupAwareConsensus(none)).toEqual(Float64Array.of(1, 1));
  });
});

describe.each(polisFixtureNames)('groupAwareConsensus on the Polis fixture %s', (name) => {
  const f = loadStatsFixture(name);
  const groups = tallyRows(f.matrix, f.rowGroup, f.gids.length);
  const polis = Float64Array.from(f.math.tids, (tid) => f.math['group-aware-consensus'][String(tid)]!);

  it('equals Polis group-aware-consensus bit for bit, moderated-out statements included', () => {
    expect(Object.keys(f.math['group-aware-consensus'])).toHaveLength(f.math.tids.length);
    expect(groupAwareConsensus(groups)).toEqual(polis);
  });

  it('with polisNumerics off differs from Polis only by rounding (≤ 1e-15)', () => {
    const plain = groupAwareConsensus(groups, { polisNumerics: false });
    plain.forEach((x, j) => expect(Math.abs(x - polis[j]!)).toBeLessThanOrEqual(1e-15));
  });
});
