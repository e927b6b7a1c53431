import { describe, expect, it } from 'vitest';
import { sumTallies } from '../../src/stats/sumTallies.js';
import { tallyRows } from '../../src/stats/tallies.js';
import { lcg } from '../../src/random/lcg.js';
import type { CsrMatrix } from '../../src/matrix/csrMatrix.js';

// A random CSR with votes in Polis's internal sign.
function randomMatrix(random: () => number, nRows: number, nCols: number): CsrMatrix {
  const rowPtr = [0];
  const colIdx: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) if (random() < 0.4) (colIdx.push(c), values.push(Math.floor(random() * 3) - 1));
    rowPtr.push(colIdx.length);
  }
  return { nRows, nCols, rowPtr: Int32Array.from(rowPtr), colIdx: Int32Array.from(colIdx), values: Int8Array.from(values) };
}

describe('sumTallies', () => {
  it('equals tallying each union of buckets directly, on random matrices and partitions', () => {
    const random = lcg(3);
    for (let trial = 0; trial < 20; trial++) {
      const matrix = randomMatrix(random, 60, 9);
      const nBuckets = 1 + Math.floor(random() * 8);
      const nGroups = 1 + Math.floor(random() * 3);
      const rowBucket = Int32Array.from({ length: 60 }, () => Math.floor(random() * nBuckets));
      const bucketGroup = Int32Array.from({ length: nBuckets }, () => Math.floor(random() * (nGroups + 1)) - 1);
      const rowGroup = rowBucket.map((b) => bucketGroup[b]!);
      expect(sumTallies(tallyRows(matrix, rowBucket, nBuckets), bucketGroup, nGroups)).toEqual(tallyRows(matrix, rowGroup, nGroups));
    }
  });

  it('rejects a bucket map of the wrong length or naming an unknown group', () => {
    const t = tallyRows(randomMatrix(lcg(1), 5, 3), Int32Array.of(0, 1, 0, 1, 0), 2);
    expect(() => sumTallies(t, Int32Array.of(0), 1)).toThrow(/bucketGroup has 1 entries but there are 2 buckets/);
    expect(() => sumTallies(t, Int32Array.of(0, 2), 2)).toThrow(/bucketGroup\[1\] must be −1 or a group index below 2, got 2/);
  });
});
