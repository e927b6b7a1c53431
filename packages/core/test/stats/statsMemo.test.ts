import { describe, expect, it } from 'vitest';
import { repness } from '../../src/stats/repness.js';
import { CellMemo, statsMemo } from '../../src/stats/statsMemo.js';
import type { Tallies } from '../../src/stats/tallies.js';
import { lcg } from '../../src/random/lcg.js';

describe('CellMemo', () => {
  it('reports a hit, a miss, and on a miss how many leading key entries were as stored', () => {
    const memo = new CellMemo(3, 1);
    memo.prepare(2, 1, 'tag');
    memo.key.set([1, 2, 3]);
    memo.lookup(0);
    expect([memo.fresh, memo.matched]).toEqual([true, 0]);
    memo.keep();
    memo.lookup(0);
    expect([memo.fresh, memo.matched]).toEqual([false, 3]);
    memo.key.set([1, 2, 4]);
    memo.lookup(0);
    expect([memo.fresh, memo.matched]).toEqual([true, 2]);
    // A miss forgets the stored key until keep(): asking again matches nothing.
    memo.lookup(0);
    expect([memo.fresh, memo.matched]).toEqual([true, 0]);
  });
});

describe('repness with a memo', () => {
  it('equals repness without one over updates where only some groups’ counts change', () => {
    const random = lcg(4);
    const nGroups = 3;
    const nCols = 40;
    const t: Tallies = { nGroups, nCols, agree: new Int32Array(nGroups * nCols), disagree: new Int32Array(nGroups * nCols), seen: new Int32Array(nGroups * nCols) };
    const modOut = new Uint8Array(nCols);
    const memo = statsMemo().repness;
    for (let update = 0; update < 12; update++) {
      // Votes land in one group per update: the others see only their rest change.
      const g = update % nGroups;
      for (let k = 0; k < 30; k++) {
        const at = g * nCols + Math.floor(random() * nCols);
        const v = Math.floor(random() * 3);
        t.seen[at]!++;
        if (v === 0) t.agree[at]!++;
        else if (v === 1) t.disagree[at]!++;
      }
      expect(repness(t, modOut, { memo })).toEqual(repness(t, modOut));
    }
  });
});
