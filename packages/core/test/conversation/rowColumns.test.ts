import { describe, expect, it } from 'vitest';
import { BaseCounts, chunksOf, IdPrefix, patchedColumn, RowIds } from '../../src/conversation/rowColumns.js';
import { lcg } from '../../src/random/lcg.js';
import type { Tallies } from '../../src/stats/tallies.js';

// Rows a chunk holds (rowColumns' CHUNK).
const chunkRows = 4096;

describe('patchedColumn', () => {
  it('reads every row of a strided source, as a plain array built once', () => {
    const source = Float64Array.from({ length: 2 * 9000 }, (_, i) => i * 0.5 - 7);
    const x = patchedColumn(null, 9000, source, 2, 1);
    const plain = x.plain();
    expect(plain).toEqual(Array.from({ length: 9000 }, (_, r) => source[2 * r + 1]));
    expect(x.plain()).toBe(plain);
  });

  it('shares the chunks whose entries are all the same value, and copies the rest', () => {
    const random = lcg(5);
    const n = 3 * 4096 + 100;
    const source = Float64Array.from({ length: n }, () => random());
    const before = patchedColumn(null, n, source, 1, 0);
    source[5000] = 0.25; // second chunk
    const after = patchedColumn(before, n, source, 1, 0);
    expect(after.chunks.map((chunk, c) => chunk === before.chunks[c])).toEqual([true, false, true, true]);
    expect(before.plain()[5000]).not.toBe(0.25);
    expect(after.plain()[5000]).toBe(0.25);
    // Nothing changed: the very same column, so readers see the very same array.
    expect(patchedColumn(after, n, source, 1, 0)).toBe(after);
  });

  it('tells 0 from -0 and NaN from numbers, as Object.is does', () => {
    const source = new Float64Array([0, 1, NaN, 3]);
    const before = patchedColumn(null, 4, source, 1, 0);
    expect(patchedColumn(before, 4, source, 1, 0)).toBe(before);
    source[0] = -0;
    const negative = patchedColumn(before, 4, source, 1, 0);
    expect(negative).not.toBe(before);
    expect(Object.is(negative.plain()[0], -0)).toBe(true);
    source[2] = 2;
    expect(patchedColumn(negative, 4, source, 1, 0).plain()).toEqual([-0, 1, 2, 3]);
  });

  it('grows with rows that join, rewriting only the last, partial chunk', () => {
    const source = Float64Array.from({ length: 10000 }, (_, i) => i % 17);
    const before = patchedColumn(null, 8200, source, 1, 0);
    const after = patchedColumn(before, 10000, source, 1, 0);
    expect(after.length).toBe(10000);
    expect(after.chunks[0]).toBe(before.chunks[0]);
    expect(after.chunks[1]).toBe(before.chunks[1]);
    expect(after.chunks[2]).not.toBe(before.chunks[2]);
    expect(after.plain()).toEqual(Array.from(source));
    // A shorter column does not reuse the longer one.
    expect(patchedColumn(after, 50, source, 1, 0).plain()).toEqual(Array.from(source.subarray(0, 50)));
  });

  it('reads NaN as null in a nullable column, and never reuses a column of the other kind', () => {
    const values = new Float64Array([NaN, 4, 0, 0, NaN, 4]);
    const groups = patchedColumn(null, 6, values, 1, 0, true);
    expect(groups.plain()).toEqual([null, 4, 0, 0, null, 4]);
    const plain = patchedColumn(groups, 6, values, 1, 0);
    expect(plain).not.toBe(groups);
    expect(plain.plain()).toEqual([NaN, 4, 0, 0, NaN, 4]);
    expect(patchedColumn(groups, 6, values, 1, 0, true)).toBe(groups);
  });
});

describe('patchedColumn with the rows that may have changed', () => {
  it('compares only the chunks holding those rows (and rows past the previous column), taking the others as they were', () => {
    const n = 3 * chunkRows + 10;
    const values = Float64Array.from({ length: n }, (_, r) => r);
    const before = patchedColumn(null, n - 5, values, 1, 0);
    const next = values.slice();
    next[5] = -1; // in chunk 0, which the caller does not name: taken as it was (the caller vouches for it)
    next[chunkRows + 1] = -2; // in chunk 1, named
    const changed = chunksOf(Int32Array.of(chunkRows + 1), n);
    expect(Array.from(changed!)).toEqual([0, 1, 0, 0]);
    const column = patchedColumn(before, n, next, 1, 0, false, changed);
    expect(column.chunks[0]).toBe(before.chunks[0]);
    expect(column.chunks[1]).not.toBe(before.chunks[1]);
    expect(column.chunks[2]).toBe(before.chunks[2]);
    const plain = column.plain();
    expect(plain[5]).toBe(5);
    expect(plain[chunkRows + 1]).toBe(-2);
    // The last chunk grew past the previous column: built from the values whatever the hint.
    expect(plain.slice(n - 5)).toEqual(Array.from(next.slice(n - 5)));
    expect(chunksOf(null, n)).toBeNull();
  });
});

describe('IdPrefix and RowIds', () => {
  it('copy the ids they were given, not what the list holds later', () => {
    const ids: (number | string)[] = [10, 'b', 30];
    const prefix = new IdPrefix(ids, 2);
    const rows = new RowIds(new Int32Array([2, 0]), ids);
    ids.push(40);
    expect(prefix.plain()).toEqual([10, 'b']);
    expect(rows.plain()).toEqual([30, 10]);
    expect(prefix.plain()).toBe(prefix.plain());
  });
});

describe('BaseCounts', () => {
  // Bucket tallies with `nBase` base clusters in rows 1.. (row 0: outside every base cluster), random counts.
  function tallies(nBase: number, nCols: number, seed: number): Tallies {
    const random = lcg(seed);
    const counts = () => Int32Array.from({ length: (nBase + 1) * nCols }, () => Math.floor(random() * 40));
    return { nGroups: nBase + 1, nCols, agree: counts(), disagree: counts(), seen: counts() };
  }
  const rowOf = (nBase: number) => Int32Array.from({ length: nBase }, (_, bi) => bi + 1);
  // What votesBase holds: per statement, per base cluster.
  const expected = (t: Tallies, nBase: number) => {
    const pick = (a: Int32Array) => Array.from({ length: t.nCols }, (_, c) => Array.from({ length: nBase }, (_, bi) => a[(bi + 1) * t.nCols + c]!));
    return { agree: pick(t.agree), disagree: pick(t.disagree), seen: pick(t.seen) };
  };

  it('reads a chain of changed cells as the table it stands for, each link as of its own update', () => {
    const random = lcg(8);
    const nBase = 7;
    let t = tallies(nBase, 20, 1);
    let counts = BaseCounts.table(t, rowOf(nBase));
    const links: { counts: BaseCounts; expected: ReturnType<typeof expected> }[] = [{ counts, expected: expected(t, nBase) }];
    for (let step = 0; step < 6; step++) {
      // Some cells change (one of them twice in a row), and now and then a statement joins.
      const nCols = t.nCols + (step % 2);
      const next = tallies(nBase, nCols, 100 + step);
      const grown = { ...t, nCols, agree: new Int32Array(next.agree.length), disagree: new Int32Array(next.agree.length), seen: new Int32Array(next.agree.length) };
      for (const kind of ['agree', 'disagree', 'seen'] as const) {
        for (let b = 0; b <= nBase; b++) for (let c = 0; c < nCols; c++) grown[kind][b * nCols + c] = c < t.nCols ? t[kind][b * t.nCols + c]! : next[kind][b * nCols + c]!;
      }
      const pairs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const bi = Math.floor(random() * nBase);
        const c = Math.floor(random() * t.nCols);
        const k = Math.floor(random() * 3);
        const value = 100 + step * 10 + i;
        grown[(['agree', 'disagree', 'seen'] as const)[k]!][(bi + 1) * nCols + c] = value;
        pairs.push(counts.cell(c, bi, k), value);
      }
      for (let c = t.nCols; c < nCols; c++) for (let bi = 0; bi < nBase; bi++) for (let k = 0; k < 3; k++) pairs.push(counts.cell(c, bi, k), [grown.agree, grown.disagree, grown.seen][k]![(bi + 1) * nCols + c]!);
      t = grown;
      counts = BaseCounts.changed(counts, Int32Array.from(pairs), t, rowOf(nBase));
      expect(counts.parent, `step ${step}`).not.toBeNull();
      links.push({ counts, expected: expected(t, nBase) });
    }
    // Read newest first: an older link must not see a later change.
    for (const link of [...links].reverse()) expect(link.counts.plain()).toEqual(link.expected);
    expect(counts.plain()).toBe(counts.plain());
  });

  it('starts a new table once the changes add up to the size of one', () => {
    const nBase = 3;
    const t = tallies(nBase, 4, 2);
    const table = BaseCounts.table(t, rowOf(nBase));
    const size = 3 * nBase * table.stride;
    // (index, count) pairs over half the table's cells: as many entries as half the table.
    const half = Int32Array.from({ length: size / 2 }, (_, i) => (i % 2 ? 7 : i / 2));
    const chained = BaseCounts.changed(table, half, t, rowOf(nBase));
    expect(chained.parent).toBe(table);
    const withPairs = expected(t, nBase);
    for (let c = 0; c < t.nCols; c++) for (let bi = 0; bi < nBase; bi++) for (let k = 0; k < 3; k++) if (table.cell(c, bi, k) < size / 4) [withPairs.agree, withPairs.disagree, withPairs.seen][k]![c]![bi] = 7;
    expect(chained.plain()).toEqual(withPairs);
    // The chain would hold as many entries as the table: the table, read from the tallies.
    const cut = BaseCounts.changed(chained, half, t, rowOf(nBase));
    expect(cut.parent).toBeNull();
    expect(cut.plain()).toEqual(expected(t, nBase));
  });

  it('starts a new table when statements join past the room of its rows', () => {
    const nBase = 2;
    const t = tallies(nBase, 5, 3);
    const table = BaseCounts.table(t, rowOf(nBase));
    const within = tallies(nBase, table.stride, 4);
    const grown = BaseCounts.changed(table, new Int32Array(0), within, rowOf(nBase));
    expect(grown.parent).toBe(table);
    const past = tallies(nBase, table.stride + 1, 5);
    const cut = BaseCounts.changed(grown, new Int32Array(0), past, rowOf(nBase));
    expect(cut.parent).toBeNull();
    expect(cut.plain()).toEqual(expected(past, nBase));
  });

  it('keeps counts past 65,535 exact', () => {
    const nBase = 2;
    const t = tallies(nBase, 3, 6);
    t.seen[(1 + 1) * 3 + 2] = 70000;
    t.agree[1 * 3] = 65536;
    const table = BaseCounts.table(t, rowOf(nBase));
    expect(table.cells).toBeInstanceOf(Int32Array);
    expect(table.plain()).toEqual(expected(t, nBase));
    const small = BaseCounts.table(tallies(nBase, 3, 6), rowOf(nBase));
    expect(small.cells).toBeInstanceOf(Uint16Array);
    // A chained count past 65,535 on a narrow table still reads exactly.
    const next = BaseCounts.changed(small, Int32Array.of(small.cell(2, 1, 2), 70000), t, rowOf(nBase));
    expect(next.plain().seen[2]![1]).toBe(70000);
  });
});
