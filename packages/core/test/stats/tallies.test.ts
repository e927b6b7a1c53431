import { denseCsr } from '../helpers/denseCsr.js';
import { describe, expect, it } from 'vitest';
import { tallyRows } from '../../src/stats/tallies.js';
import { loadStatsFixture, polisFixtureNames, polisGroupVotes } from './polisFixture.js';


describe('tallyRows', () => {
  const matrix = denseCsr([
    [-1, 1, 0],
    [-1, null, -1],
    [1, 0, null],
    [-1, -1, -1],
  ]);

  it('counts agree (−1), disagree (+1) and seen (pass included) per group and column, skipping rows marked −1', () => {
    const t = tallyRows(matrix, Int32Array.of(0, 0, 1, -1), 2);
    expect(t).toEqual({
      nGroups: 2,
      nCols: 3,
      agree: Int32Array.of(2, 0, 1, 0, 0, 0),
      disagree: Int32Array.of(0, 1, 0, 1, 0, 0),
      seen: Int32Array.of(2, 1, 2, 1, 1, 0),
    });
  });

  it('gives zero-size tallies for zero groups and does not change its inputs', () => {
    const rowGroup = Int32Array.of(-1, -1, -1, -1);
    const before = structuredClone(matrix);
    expect(tallyRows(matrix, rowGroup, 0).seen.length).toBe(0);
    expect(matrix).toEqual(before);
    expect(rowGroup).toEqual(Int32Array.of(-1, -1, -1, -1));
  });

  it('rejects a rowGroup of the wrong length or with an unknown group, naming the row', () => {
    expect(() => tallyRows(matrix, Int32Array.of(0, 0), 1)).toThrow(/rowGroup has 2 entries but the matrix has 4 rows/);
    expect(() => tallyRows(matrix, Int32Array.of(0, 3, 0, 0), 2)).toThrow(/rowGroup\[1\] must be −1 or a group index below 2, got 3/);
    expect(() => tallyRows(matrix, Int32Array.of(0, 0, 0, 0), -1)).toThrow(/nGroups must be a non-negative integer, got -1/);
  });

  describe.each(polisFixtureNames)('on the Polis fixture %s', (name) => {
    const f = loadStatsFixture(name);

    // 50ptpt-3gp-strict-no-meta lacks pid 50's 4 votes, but pid 50 is in no group (asserted in consensus.test.ts),
    // so its group-votes still match exactly.
    it('reproduces Polis group-votes (A, D, S) exactly from votes.json and Polis groups', () => {
      const ours = tallyRows(f.matrix, f.rowGroup, f.gids.length);
      const polis = polisGroupVotes(f.math);
      expect(ours.agree).toEqual(polis.agree);
      expect(ours.disagree).toEqual(polis.disagree);
      expect(ours.seen).toEqual(polis.seen);
    });

    it('has as many rows per group as Polis n-members', () => {
      const members = f.gids.map((_, g) => f.rowGroup.filter((x) => x === g).length);
      expect(members).toEqual(f.gids.map((gid) => f.math['group-votes'][String(gid)]!['n-members']));
    });
  });
});
