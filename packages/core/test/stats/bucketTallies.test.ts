import { denseCsr } from '../helpers/denseCsr.js';
import { describe, expect, it } from 'vitest';
import { BucketTallies } from '../../src/stats/bucketTallies.js';
import { absentVote, type CellChanges } from '../../src/store/changeLog.js';
import { tallyRows } from '../../src/stats/tallies.js';
import { lcg } from '../../src/random/lcg.js';


describe('BucketTallies', () => {
  it('stays equal to a full recount over random batches of changed votes, new rows and rows moving buckets', () => {
    const random = lcg(11);
    const nCols = 7;
    const cells: (number | null)[][] = [];
    const tallies = new BucketTallies();
    let incremental = 0;
    for (let step = 0; step < 60; step++) {
      // A batch: some new participants, some changed or new votes (a cell may change twice).
      const log = { row: [] as number[], col: [] as number[], old: [] as number[], value: [] as number[] };
      const newRows = Math.floor(random() * 3);
      for (let i = 0; i < newRows; i++) cells.push(new Array<number | null>(nCols).fill(null));
      const votes = Math.floor(random() * 12);
      for (let i = 0; i < votes && cells.length > 0; i++) {
        const r = Math.floor(random() * cells.length);
        const c = Math.floor(random() * nCols);
        const v = Math.floor(random() * 3) - 1;
        log.row.push(r), log.col.push(c), log.old.push(cells[r]![c] ?? absentVote), log.value.push(v);
        cells[r]![c] = v;
      }
      const matrix = denseCsr(cells, nCols);
      const nBuckets = 4;
      // Mostly stable buckets, a few rows move, some rows are left out (−1).
      const rowBucket = Int32Array.from(cells, (_, r) => (random() < 0.1 ? Math.floor(random() * (nBuckets + 1)) - 1 : r % nBuckets));
      const changes: CellChanges = { row: Int32Array.from(log.row), col: Int32Array.from(log.col), old: Int8Array.from(log.old), value: Int8Array.from(log.value) };
      const before = tallies.update(matrix, rowBucket, nBuckets, step % 17 === 5 ? null : changes);
      const expected = tallyRows(matrix, rowBucket, before.nGroups);
      expect(before).toEqual(expected);
      if (step > 0 && before === tallies.update(matrix, rowBucket, nBuckets, { row: new Int32Array(0), col: new Int32Array(0), old: new Int8Array(0), value: new Int8Array(0) })) incremental++;
    }
    // The incremental path must actually have been taken (the same object is kept up to date).
    expect(incremental).toBeGreaterThan(40);
  });

  it('widens its tables for new statements and new buckets instead of recounting', () => {
    const random = lcg(5);
    const tallies = new BucketTallies();
    const cells: (number | null)[][] = Array.from({ length: 30 }, () => Array.from({ length: 4 }, () => (random() < 0.5 ? Math.floor(random() * 3) - 1 : null)));
    let nCols = 4;
    tallies.update(denseCsr(cells, nCols), Int32Array.from(cells, (_, r) => r % 2), 2, null);
    for (let step = 0; step < 6; step++) {
      // A new statement with a few votes, and rows spread over more buckets each step.
      const log = { row: [] as number[], col: [] as number[], old: [] as number[], value: [] as number[] };
      for (const row of cells) row.push(null);
      nCols++;
      for (let i = 0; i < 5; i++) {
        const r = Math.floor(random() * cells.length);
        const v = Math.floor(random() * 3) - 1;
        log.row.push(r), log.col.push(nCols - 1), log.old.push(cells[r]![nCols - 1] ?? absentVote), log.value.push(v);
        cells[r]![nCols - 1] = v;
      }
      const matrix = denseCsr(cells, nCols);
      const nBuckets = 2 + step;
      const rowBucket = Int32Array.from(cells, (_, r) => (r < 3 ? nBuckets - 1 : r % 2));
      const changes: CellChanges = { row: Int32Array.from(log.row), col: Int32Array.from(log.col), old: Int8Array.from(log.old), value: Int8Array.from(log.value) };
      const t = tallies.update(matrix, rowBucket, nBuckets, changes);
      expect(t).toEqual(tallyRows(matrix, rowBucket, t.nGroups));
      expect(t.nCols).toBe(nCols);
    }
  });

  it('reuses the buffers of an earlier table when statements arrive one by one, with no stale counts', () => {
    const random = lcg(9);
    const tallies = new BucketTallies();
    const cells: (number | null)[][] = Array.from({ length: 40 }, () => Array.from({ length: 6 }, () => (random() < 0.8 ? Math.floor(random() * 3) - 1 : null)));
    let nCols = 6;
    const rowBucket = Int32Array.from(cells, (_, r) => r % 3);
    tallies.update(denseCsr(cells, nCols), rowBucket, 3, null);
    const buffers = new Set<ArrayBufferLike>();
    for (let step = 0; step < 8; step++) {
      // One new statement per step, voted on by a few rows only: every other new cell must read zero.
      const log = { row: [] as number[], col: [] as number[], old: [] as number[], value: [] as number[] };
      for (const row of cells) row.push(null);
      nCols++;
      for (const r of [step, step + 7]) {
        log.row.push(r), log.col.push(nCols - 1), log.old.push(absentVote), log.value.push(1);
        cells[r]![nCols - 1] = 1;
      }
      const matrix = denseCsr(cells, nCols);
      const changes: CellChanges = { row: Int32Array.from(log.row), col: Int32Array.from(log.col), old: Int8Array.from(log.old), value: Int8Array.from(log.value) };
      const t = tallies.update(matrix, rowBucket, 3, changes);
      expect(t).toEqual(tallyRows(matrix, rowBucket, t.nGroups));
      buffers.add(t.seen.buffer);
    }
    // Two tables take turns instead of one new table per statement.
    expect(buffers.size).toBeLessThan(8);
  });

  it('keeps counts right when a statement is added, and names a bad rowBucket', () => {
    const tallies = new BucketTallies();
    const a = denseCsr([[-1, 1], [0, null]], 2);
    tallies.update(a, Int32Array.of(0, 1), 2, null);
    const b = denseCsr([[-1, 1, 1], [0, null, -1]], 3);
    const changes: CellChanges = { row: Int32Array.of(0, 1), col: Int32Array.of(2, 2), old: Int8Array.of(absentVote, absentVote), value: Int8Array.of(1, -1) };
    expect(tallies.update(b, Int32Array.of(0, 1), 2, changes)).toEqual(tallyRows(b, Int32Array.of(0, 1), 3));
    expect(() => tallies.update(b, Int32Array.of(0), 2, changes)).toThrow(/rowBucket has 1 entries but the matrix has 2 rows/);
  });
});
