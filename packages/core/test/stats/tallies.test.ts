import { denseCsr } from '../helpers/denseCsr.js';
import { describe, expect, it } from 'vitest';
import { tallyRows } from '../../src/stats/tallies.js';
import { runHelperTask } from '../../src/helper/runHelperTask.js';
import { VoteStore } from '../../src/store/voteStore.js';
import type { HelperTask, MathHelper } from '../../src/helper/mathHelper.js';
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

describe('tallyRows with a helper thread (MathHelper)', () => {
  // A conversation's matrix in shared memory (as the CLI keeps it with a helper), past the 2^20 votes where the helper takes half the rows.
  function sharedMatrix(nRows: number, nCols: number, perRow: number) {
    let s = 11;
    const random = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const n = nRows * perRow;
    const columns = { participant: new Int32Array(n), statement: new Int32Array(n), vote: new Int8Array(n) };
    for (let k = 0; k < n; k++) {
      columns.participant[k] = Math.floor(k / perRow);
      columns.statement[k] = Math.floor(((k % perRow) + random()) * (nCols / perRow));
      columns.vote[k] = Math.floor(random() * 3) - 1;
    }
    const store = new VoteStore({ shared: true });
    store.addColumns(columns);
    return store.matrix();
  }

  it('gives the same tables with and without a helper, the helper counting the rows of the second half of the votes', () => {
    const matrix = sharedMatrix(11_000, 400, 100);
    expect(matrix.colIdx.buffer).toBeInstanceOf(SharedArrayBuffer);
    const rowGroup = Int32Array.from({ length: matrix.nRows }, (_, r) => (r % 7 === 0 ? -1 : r % 5));
    const shares: HelperTask[] = [];
    // A stand-in for another thread that runs the share twice, as a restart after a failed worker would.
    const helper: MathHelper = { run: (task) => (shares.push(task), () => (runHelperTask(task), runHelperTask(task))) };
    const withHelper = tallyRows(matrix, rowGroup, 5, helper);
    expect(withHelper).toEqual(tallyRows(matrix, rowGroup, 5));
    expect(shares).toHaveLength(1);
    const share = shares[0]!;
    if (share.kind !== 'tallyRows') throw new Error(`expected a tallyRows task, got ${share.kind}`);
    const nnz = matrix.rowPtr[matrix.nRows]!;
    expect(share.to).toBe(matrix.nRows);
    expect(matrix.rowPtr[share.from]!).toBeGreaterThanOrEqual(nnz / 2);
    expect(matrix.rowPtr[share.from - 1]!).toBeLessThan(nnz / 2);
    expect(share.rowGroup.buffer).toBeInstanceOf(SharedArrayBuffer);
    // Below 2^20 votes, and on memory a thread cannot read, it counts alone.
    const small = denseCsr([[-1, 1], [0, -1]]);
    expect(tallyRows(small, Int32Array.of(0, 0), 1, helper)).toEqual(tallyRows(small, Int32Array.of(0, 0), 1));
    expect(shares).toHaveLength(1);
  });

  it('checks every row before handing any to the helper', () => {
    const matrix = sharedMatrix(11_000, 50, 100);
    const rowGroup = new Int32Array(matrix.nRows);
    rowGroup[10_500] = 3;
    let asked = 0;
    expect(() => tallyRows(matrix, rowGroup, 2, { run: () => (asked++, () => {}) })).toThrow('tallyRows: rowGroup[10500] must be −1 or a group index below 2, got 3');
    expect(asked).toBe(0);
  });
});
