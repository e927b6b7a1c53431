import { describe, expect, it } from 'vitest';
import { float32ForJson } from '../../src/clojure/float32.js';
import { twoPropZ } from '../../src/stats/proportionTest.js';
import { repness, type RepnessRow } from '../../src/stats/repness.js';
import { tallyRows, type Tallies } from '../../src/stats/tallies.js';
import { loadStatsFixture, polisFixtureNames, type PolisRepnessEntry } from './polisFixture.js';

/** Tallies from `cells[g][j] = [A, D, S]`. */
function tallies(cells: [number, number, number][][]): Tallies {
  const nGroups = cells.length;
  const nCols = cells[0]!.length;
  const t: Tallies = { nGroups, nCols, agree: new Int32Array(nGroups * nCols), disagree: new Int32Array(nGroups * nCols), seen: new Int32Array(nGroups * nCols) };
  cells.forEach((row, g) => row.forEach(([a, d, s], j) => ((t.agree[g * nCols + j] = a), (t.disagree[g * nCols + j] = d), (t.seen[g * nCols + j] = s))));
  return t;
}

const cols = (rows: RepnessRow[]) => rows.map((r) => r.col);
const none = (n: number) => new Uint8Array(n);

describe('repness', () => {
  it('is repful for disagree when rat == rdt (ties go to disagree)', () => {
    const t = tallies([[[3, 3, 6]], [[2, 2, 5]]]);
    // Agree and disagree counts are equal in and out of each group, so rat and rdt are the same number.
    const [g0, g1] = repness(t, none(1));
    expect(g0).toEqual([expect.objectContaining({ col: 0, repfulFor: 'disagree', nSuccess: 3, nTrials: 6 })]);
    expect(g1).toEqual([expect.objectContaining({ col: 0, repfulFor: 'disagree', nSuccess: 2, nTrials: 5 })]);
    expect(g0![0]!.bestAgree).toBeUndefined();
  });

  it('keeps column order among equal metrics (stable sort) and keeps at most repnessPerGroup', () => {
    const t = tallies([Array.from({ length: 7 }, () => [10, 0, 10]), Array.from({ length: 7 }, () => [0, 10, 10])]);
    const [g0, g1] = repness(t, none(7));
    // Group 0: the first column is the best-agree head (later equal ones do not beat it strictly), then 1..4.
    expect(cols(g0!)).toEqual([0, 1, 2, 3, 4]);
    expect(g0![0]).toMatchObject({ bestAgree: true, nAgree: 10, repfulFor: 'agree' });
    expect(g0!.slice(1).every((r) => r.bestAgree === undefined && r.nAgree === undefined)).toBe(true);
    // Group 1 disagrees everywhere and has no best-agree candidate.
    expect(cols(g1!)).toEqual([0, 1, 2, 3, 4]);
    expect(g1!.every((r) => r.repfulFor === 'disagree')).toBe(true);
    expect(cols(repness(t, none(7), { repnessPerGroup: 2 })[0]!)).toEqual([0, 1]);
  });

  it('puts a best-agree head that is repful for disagree first, with n-agree = agree votes', () => {
    // Column 0: the group mostly agrees, but the rest agrees unanimously, so the disagree test is larger.
    // Column 1: the group disagrees where the rest agrees: significant, repful for disagree.
    const t = tallies([
      [
        [7, 1, 8],
        [0, 8, 8],
      ],
      [
        [30, 0, 30],
        [20, 0, 30],
      ],
    ]);
    const [g0] = repness(t, none(2));
    expect(g0).toHaveLength(2);
    expect(g0![0]).toMatchObject({ col: 0, bestAgree: true, nAgree: 7, nSuccess: 1, nTrials: 8, repfulFor: 'disagree' });
    expect(g0![1]).toMatchObject({ col: 1, repfulFor: 'disagree', nSuccess: 8 });
    expect(g0![1]!.bestAgree).toBeUndefined();
    // Without the significant column the group has no sufficient statement: the head alone.
    expect(repness(t, Uint8Array.of(0, 1))[0]).toEqual([g0![0]]);
  });

  it('falls back to the statement with the largest test when a group has no sufficient statement and no best-agree', () => {
    // Group 0 only passes, so no statement can be its best-agree, and none is significant.
    const t = tallies([
      [
        [0, 0, 3],
        [0, 0, 5],
      ],
      [
        [5, 5, 10],
        [5, 5, 10],
      ],
    ]);
    const [g0] = repness(t, none(2));
    expect(g0).toHaveLength(1);
    // Column 0's z (≈ −0.87) beats column 1's (≈ −1.37); equal agree/disagree tests make it repful for disagree.
    expect(g0![0]).toMatchObject({ col: 0, repfulFor: 'disagree', nSuccess: 0, nTrials: 3 });
    expect(g0![0]!.bestAgree).toBeUndefined();
    expect(g0![0]!.repnessTest).toBe(float32ForJson(twoPropZ(0, 5, 3, 10)));
  });

  it('compares a later statement against the fallback best’s float32 test, as Polis stores it', () => {
    // Both columns: group 0 only passes; z ≈ −2.47839668787104 (column 0) < −2.4783966878710397 (column 1), but
    // column 1 does not beat float32(z0) ≈ −2.4783966541, so column 0 stays the best.
    const t = tallies([
      [
        [0, 0, 10],
        [0, 0, 12],
      ],
      [
        [16, 16, 32],
        [4, 4, 8],
      ],
    ]);
    const z0 = twoPropZ(0, 16, 10, 32);
    const z1 = twoPropZ(0, 4, 12, 8);
    expect(z1).toBeGreaterThan(z0);
    expect(z1).toBeLessThan(Math.fround(z0));
    expect(cols(repness(t, none(2))[0]!)).toEqual([0]);
    expect(cols(repness(t, none(2), { polisNumerics: false })[0]!)).toEqual([1]);
  });

  it('ranks significant statements by repness·float32(test)·p·pTest, as Polis does', () => {
    // Column 0 is the best-agree head. Columns 1 and 2 swap places depending on whether the test is rounded to
    // float32 before the product (Polis: column 2 first) or not (column 1 first).
    const t = tallies([
      [
        [25, 0, 25],
        [11, 0, 14],
        [17, 0, 22],
      ],
      [
        [0, 25, 25],
        [11, 13, 24],
        [11, 11, 22],
      ],
    ]);
    expect(cols(repness(t, none(3))[0]!)).toEqual([0, 2, 1]);
    expect(cols(repness(t, none(3), { polisNumerics: false })[0]!)).toEqual([0, 1, 2]);
  });

  it('returns no statements for a group when every column is moderated out', () => {
    const t = tallies([[[9, 0, 9]], [[0, 9, 9]]]);
    expect(repness(t, Uint8Array.of(1))).toEqual([[], []]);
  });

  it('lists agrees before disagrees, each in metric order, and skips moderated-out columns', () => {
    const t = tallies([
      [
        [0, 10, 10],
        [8, 0, 9],
        [7, 0, 9],
      ],
      [
        [10, 0, 10],
        [2, 0, 10],
        [2, 0, 10],
      ],
    ]);
    const [g0] = repness(t, none(3));
    // Column 0 (disagree) outranks column 2 by metric, but agrees come first.
    expect(g0!.map((r) => [r.col, r.repfulFor])).toEqual([
      [1, 'agree'],
      [2, 'agree'],
      [0, 'disagree'],
    ]);
    expect(g0![0]!.bestAgree).toBe(true);
    const [withoutHead] = repness(t, Uint8Array.of(0, 1, 0));
    expect(withoutHead!.map((r) => [r.col, r.bestAgree ?? false])).toEqual([
      [2, true],
      [0, false],
    ]);
  });

  it('applies the formulas with one group (rest sums are 0)', () => {
    const [g0] = repness(tallies([[[9, 1, 10]]]), none(1));
    expect(g0).toEqual([expect.objectContaining({ col: 0, repfulFor: 'agree', nSuccess: 9, nTrials: 10, bestAgree: true })]);
  });

  it('carries the float32 test as its shortest decimal with polisNumerics, the exact z without', () => {
    const t = tallies([[[8, 0, 9]], [[2, 0, 10]]]);
    const z = twoPropZ(8, 2, 9, 10);
    expect(repness(t, none(1))[0]![0]!.repnessTest).toBe(float32ForJson(z));
    expect(repness(t, none(1), { polisNumerics: false })[0]![0]!.repnessTest).toBe(twoPropZ(8, 2, 9, 10, { polisNumerics: false }));
  });

  it('does not change its inputs', () => {
    const t = tallies([[[8, 0, 9]], [[2, 0, 10]]]);
    const copy = structuredClone(t);
    const modOut = Uint8Array.of(0);
    repness(t, modOut);
    expect(t).toEqual(copy);
    expect(modOut).toEqual(Uint8Array.of(0));
  });

  it('rejects a mismatched modOut and bad options, naming the value', () => {
    const t = tallies([[[8, 0, 9]], [[2, 0, 10]]]);
    expect(() => repness(t, none(2))).toThrow(/modOut has 2 entries but the tallies have 1 columns/);
    expect(() => repness(t, none(1), { repnessPerGroup: 0 })).toThrow(/repnessPerGroup must be a positive integer, got 0/);
    expect(() => repness(t, none(1), { zThreshold: Number.NaN })).toThrow(/zThreshold must be a finite number, got NaN/);
  });
});

/** A row in Polis's JSON shape, with the optional keys only when present. */
function asPolis(row: RepnessRow, tids: readonly number[]): PolisRepnessEntry {
  const entry: PolisRepnessEntry = {
    tid: tids[row.col]!,
    'n-success': row.nSuccess,
    'n-trials': row.nTrials,
    'p-success': row.pSuccess,
    'p-test': row.pTest,
    repness: row.repness,
    'repness-test': row.repnessTest,
    'repful-for': row.repfulFor,
  };
  if (row.bestAgree) Object.assign(entry, { 'n-agree': row.nAgree, 'best-agree': true });
  return entry;
}

describe.each(polisFixtureNames)('repness on the Polis fixture %s', (name) => {
  const f = loadStatsFixture(name);
  const groups = tallyRows(f.matrix, f.rowGroup, f.gids.length);

  it('equals Polis repness bit for bit: same statements, order, flags and every value', () => {
    const ours = repness(groups, f.modOut);
    f.gids.forEach((gid, g) => {
      expect(ours[g]!.map((row) => asPolis(row, f.math.tids))).toStrictEqual(f.math.repness[String(gid)]);
    });
  });

  it('with polisNumerics off keeps the same statements and stays within 1e-12 (1e-6 for the float32 test)', () => {
    const ours = repness(groups, f.modOut, { polisNumerics: false });
    f.gids.forEach((gid, g) => {
      const expected = f.math.repness[String(gid)]!;
      expect(ours[g]!.map((r) => [f.math.tids[r.col], r.repfulFor, r.nSuccess, r.nTrials])).toEqual(
        expected.map((e) => [e.tid, e['repful-for'], e['n-success'], e['n-trials']]),
      );
      ours[g]!.forEach((r, i) => {
        const e = expected[i]!;
        expect(Math.abs(r.pSuccess - e['p-success'])).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(r.pTest - e['p-test'])).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(r.repness - e.repness)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(r.repnessTest - e['repness-test'])).toBeLessThanOrEqual(1e-6);
      });
    });
  });
});
