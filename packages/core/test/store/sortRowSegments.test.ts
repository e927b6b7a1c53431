import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/random/lcg.js';
import { sortRowSegments } from '../../src/store/sortRowSegments.js';

// Segments of random lengths (short ones insertion-sorted, long ones radix-sorted) over columns below `maxCol`.
function segments(seed: number, maxCol: number, withTime: boolean) {
  const random = lcg(seed);
  const lengths = Array.from({ length: 60 }, () => (random() < 0.5 ? Math.floor(random() * 33) : 33 + Math.floor(random() * 400)));
  const start = new Int32Array(lengths.length + 1);
  lengths.forEach((k, j) => (start[j + 1] = start[j]! + k));
  const n = start[lengths.length]!;
  // Few distinct columns in some segments, so equal columns (whose order must be kept) are common.
  const col = Int32Array.from({ length: n }, (_, i) => Math.floor(random() * (i % 3 === 0 ? 5 : maxCol)));
  const value = Int8Array.from({ length: n }, () => Math.floor(random() * 3) - 1);
  // The time is the original position, so it tells whether equal columns kept their order.
  const time = withTime ? Float64Array.from({ length: n }, (_, i) => i) : null;
  return { start, col, value, time };
}

describe('sortRowSegments(col, value, time, start, maxCol)', () => {
  it.each([
    [1, 2 ** 8, true],
    [2, 3000, true],
    [3, 2 ** 31 - 1, true],
    [4, 70_000, false],
    // Either side of the bitmap sort's limit (columns below 2^22), and the radix sort above it.
    [5, 2 ** 22, true],
    [6, 2 ** 22 + 2, true],
  ])('sorts every segment by column, stably, moving values and times along (seed %i, columns below %i)', (seed, maxCol, withTime) => {
    const { start, col, value, time } = segments(seed, maxCol, withTime);
    const expected = [];
    for (let j = 0; j + 1 < start.length; j++) {
      const order = Array.from({ length: start[j + 1]! - start[j]! }, (_, i) => start[j]! + i);
      // Array.prototype.sort is stable, so this is the reference order.
      expected.push(...order.sort((a, b) => col[a]! - col[b]!).map((i) => [col[i], value[i], i]));
    }
    const original = { col: col.slice(), value: value.slice() };
    sortRowSegments(col, value, time, start, maxCol - 1);
    if (time) expect(Array.from(col, (c, i) => [c, value[i], time[i]])).toEqual(expected);
    else expect(Array.from(col, (c, i) => [c, value[i]])).toEqual(expected.map(([c, v]) => [c, v]));
    expect(expected.map(([, , i]) => original.col[i!])).toEqual([...col]);
    expect(expected.map(([, , i]) => original.value[i!])).toEqual([...value]);
  });

  it('leaves segments that are already sorted, and empty or single ones, as they are', () => {
    const col = Int32Array.of(3, 1, 2, ...Array.from({ length: 40 }, (_, i) => i));
    const value = Int8Array.from(col, (c) => (c % 3) - 1);
    sortRowSegments(col, value, null, Int32Array.of(0, 0, 1, 3, 43), 39);
    expect([...col.subarray(0, 3)]).toEqual([3, 1, 2]);
    expect([...col.subarray(3)]).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});
