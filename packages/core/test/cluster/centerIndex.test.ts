import { describe, expect, it } from 'vitest';
import { CenterIndex } from '../../src/cluster/centerIndex.js';
import { lcg } from '../../src/random/lcg.js';

/** The neighbour row of slot a as first defined: a comparator sort by squared distance, then a stable re-sort by distance, a first on a tie at 0. */
function referenceRow(order: Int32Array, cx: Float64Array, cy: Float64Array, a: number): number[] {
  const squared = (j: number) => (cx[a]! - cx[j]!) ** 2 + (cy[a]! - cy[j]!) ** 2;
  const distance = (j: number) => Math.sqrt((cx[a]! - cx[j]!) * (cx[a]! - cx[j]!) + (cy[a]! - cy[j]!) * (cy[a]! - cy[j]!));
  const byDistance = Array.from(order).sort((p, q) => squared(p) - squared(q));
  // Insertion sort keeps equal distances in their order, except that a itself moves ahead at 0.
  const row: number[] = [];
  for (const j of byDistance) {
    let q = row.length - 1;
    while (q >= 0 && (distance(row[q]!) > distance(j) || (distance(row[q]!) === distance(j) && j === a))) q--;
    row.splice(q + 1, 0, j);
  }
  return row;
}

describe('CenterIndex', () => {
  it('builds every neighbour row as the comparator sort did, ties included', () => {
    const random = lcg(9);
    for (const k of [1, 2, 7, 40, 100, 256]) {
      // Centres on a coarse grid, many coinciding, so that equal distances are common.
      const cx = Float64Array.from({ length: k }, () => Math.floor(random() * 6) * 0.5);
      const cy = Float64Array.from({ length: k }, () => Math.floor(random() * 6) * 0.5);
      // A live subset in a shuffled order, as after the clusters are put in hash order.
      const order = Int32Array.from(Array.from({ length: k }, (_, s) => s).filter(() => random() < 0.9).sort(() => random() - 0.5));
      const index = new CenterIndex(k);
      index.update(order, cx, cy);
      for (const a of order) {
        expect(Array.from(index.neighbors.subarray(a * k, a * k + order.length))).toEqual(referenceRow(order, cx, cy, a));
      }
    }
  });
});
