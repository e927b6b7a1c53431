import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/random/lcg.js';
import { PendingVotes } from '../../src/store/pendingVotes.js';
import { sortByCell } from '../../src/store/sortByCell.js';

// Pending votes in several chunks: rows below `rows`, columns below `cols`; the time is the arrival index.
function pending(seed: number, n: number, rows: number, cols: number, rowOffset = 0): PendingVotes {
  const random = lcg(seed);
  const votes = new PendingVotes();
  for (let at = 0; at < n; ) {
    const size = Math.min(n - at, 1 + Math.floor(random() * 300));
    const chunk = votes.room(size, true);
    for (let i = 0; i < size; i++) {
      chunk.row[chunk.length + i] = rowOffset + Math.floor(random() * rows);
      chunk.col[chunk.length + i] = Math.floor(random() * cols);
      chunk.value[chunk.length + i] = Math.floor(random() * 3) - 1;
      chunk.time![chunk.length + i] = at + i;
    }
    votes.commit(size);
    at += size;
  }
  return votes;
}

function reference(votes: PendingVotes): number[][] {
  const all: number[][] = [];
  for (const c of votes.chunks) for (let i = 0; i < c.length; i++) all.push([c.row[i]!, c.col[i]!, c.value[i]!, c.time![i]!]);
  return all.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[3]! - b[3]!);
}

describe('sortByCell(pending, col, value, time, base, maxCol)', () => {
  it.each([
    ['by counting (rows span little more than the batch)', 1, 5000, 300, 40, 0],
    ['by comparison (a small batch over a wide span of rows)', 2, 500, 200_000, 6, 1_000_000],
    ['by counting, rows with hundreds of votes', 3, 20_000, 30, 2000, 7],
  ])('orders by row, column and arrival, %s', (_, seed, n, rows, cols, rowOffset) => {
    const votes = pending(seed, n, rows, cols, rowOffset);
    const base = 11;
    const col = new Int32Array(base + n);
    const value = new Int8Array(base + n);
    const time = new Float64Array(base + n);
    const { rows: touched, start } = sortByCell(votes, col, value, time, base, cols - 1);
    const expected = reference(votes);
    const got: number[][] = [];
    for (let j = 0; j < touched.length; j++) for (let k = start[j]!; k < start[j + 1]!; k++) got.push([touched[j]!, col[k]!, value[k]!, time[k]!]);
    expect(got).toEqual(expected);
    expect(start[0]).toBe(base);
    expect(start[touched.length]).toBe(base + n);
    expect([...touched]).toEqual([...new Set(expected.map((v) => v[0]))]);
  });

  it('writes NaN times for votes from chunks without a time column', () => {
    const votes = new PendingVotes();
    const chunk = votes.room(2, false);
    chunk.row.set([1, 0]);
    chunk.col.set([0, 0]);
    votes.commit(2);
    const time = new Float64Array(2);
    sortByCell(votes, new Int32Array(2), new Int8Array(2), time, 0, 0);
    expect([...time]).toEqual([NaN, NaN]);
  });
});
