import { describe, expect, it } from 'vitest';
import { permuteMatrix } from '../../src/stable/permuteMatrix.js';
import { VoteStore } from '../../src/store/voteStore.js';
import type { CsrMatrix } from '../../src/matrix/csrMatrix.js';

function cells(m: CsrMatrix): string[] {
  const out: string[] = [];
  for (let r = 0; r < m.nRows; r++) for (let p = m.rowPtr[r]!; p < m.rowPtr[r + 1]!; p++) out.push(`${r},${m.colIdx[p]}=${m.values[p]}`);
  return out;
}

describe('permuteMatrix(matrix, rowOrder, colOrder)', () => {
  const store = new VoteStore();
  store.add([
    { participant: 'a', statement: 'x', vote: 1 },
    { participant: 'a', statement: 'y', vote: -1 },
    { participant: 'b', statement: 'y', vote: 0 },
    { participant: 'c', statement: 'z', vote: 1 },
    { participant: 'c', statement: 'x', vote: -1 },
  ]);
  const m = store.matrix();

  it('moves every vote to its new row and column, columns ascending within rows', () => {
    // New row 0 = old row 2 (c), 1 = a, 2 = b; new column 0 = old 2 (z), 1 = x, 2 = y.
    const p = permuteMatrix(m, Int32Array.of(2, 0, 1), Int32Array.of(2, 0, 1));
    expect(cells(p)).toEqual(['0,0=-1', '0,1=1', '1,1=-1', '1,2=1', '2,2=0']);
    expect(p.rowPtr[p.nRows]).toBe(5);
  });

  it('is the identity for identity orders', () => {
    expect(cells(permuteMatrix(m, Int32Array.of(0, 1, 2), Int32Array.of(0, 1, 2)))).toEqual(cells(m));
  });

  it('rejects orders of the wrong length, naming the sizes', () => {
    expect(() => permuteMatrix(m, Int32Array.of(0, 1), Int32Array.of(0, 1, 2))).toThrow(/rowOrder has 2 entries for 3 rows/);
  });
});
