import { Matrix } from 'ml-matrix';
import { PCA } from 'ml-pca';
import { describe, expect, it } from 'vitest';
import { pca } from '../../src/pca/pca.js';
import { projectParticipants } from '../../src/pca/projectParticipants.js';
import { lcg } from '../../src/random/lcg.js';
import { VoteStore } from '../../src/store/voteStore.js';
import { cosine, maxAbsDiff, polisFixtureNames, readPolisFixture, recoverMissingVotes } from '../helpers/fixtures.js';

const options = { iterations: 1000, tolerance: 1e-11, coldStart: 'random' as const, solver: 'lanczos' as const, random: lcg(1) };

function fixtureInput(name: string) {
  // 50ptpt lacks one participant's 4 votes in its export; they are recovered from Polis's centre.
  const fx = recoverMissingVotes(readPolisFixture(name)).fixture;
  const store = new VoteStore();
  store.add(fx.votes);
  const matrix = store.matrix();
  const modOutSet = new Set(fx.math['mod-out']);
  const modOut = Uint8Array.from(store.statementIds, (t) => (modOutSet.has(t as number) ? 1 : 0));
  // Align our columns (first appearance) with Polis's tids.
  const colOf = new Map(store.statementIds.map((t, c) => [t, c]));
  const polisCols = fx.math.tids.map((t) => colOf.get(t)!);
  return { fx, store, matrix, modOut, polisCols };
}

describe('pca on Polis fixtures', () => {
  for (const name of polisFixtureNames) {
    it(`${name}: centre ≤ 1e-9, comps |cos| ≥ 0.99999, statement projection and extremity ≤ 1e-6`, () => {
      const { fx, matrix, modOut, polisCols } = fixtureInput(name);
      expect(matrix.nCols).toBe(fx.math['n-cmts']);
      const result = pca(matrix, modOut, options);
      const pick = (a: Float64Array) => polisCols.map((c) => a[c]!);
      expect(matrix.nRows).toBe(fx.math.n);
      expect(maxAbsDiff(pick(result.center), fx.math.pca.center)).toBeLessThanOrEqual(1e-9);
      for (let k = 0; k < 2; k++) {
        const cos = cosine(pick(result.comps[k as 0 | 1]), fx.math.pca.comps[k]!);
        expect(Math.abs(cos)).toBeGreaterThanOrEqual(0.99999);
        const sign = Math.sign(cos);
        const ours = pick(result.statementProjection[k as 0 | 1]).map((x) => sign * x);
        expect(maxAbsDiff(ours, fx.math.pca['comment-projection'][k]!)).toBeLessThanOrEqual(1e-6);
      }
      expect(maxAbsDiff(pick(result.statementExtremity), fx.math.pca['comment-extremity'])).toBeLessThanOrEqual(1e-6);
    });
  }

  it('Polis power iteration and Lanczos give the same components (Lanczos in fewer products)', () => {
    for (const name of polisFixtureNames) {
      const { matrix, modOut } = fixtureInput(name);
      const power = pca(matrix, modOut, { ...options, solver: 'power' });
      const krylov = pca(matrix, modOut, options);
      for (let k = 0; k < 2; k++) expect(Math.abs(cosine(power.comps[k as 0 | 1], krylov.comps[k as 0 | 1]))).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(krylov.products[0]).toBeLessThan(power.products[0] + power.products[1]);
    }
  });

  it('recovers exactly the missing votes of the 50ptpt export (pid 50, 4 votes) and nothing elsewhere', () => {
    expect(recoverMissingVotes(readPolisFixture('50ptpt-3gp-strict-no-meta')).recovered.map((v) => v.participant)).toEqual([50, 50, 50, 50]);
    expect(recoverMissingVotes(readPolisFixture('below-100-ptpts')).recovered).toEqual([]);
    expect(recoverMissingVotes(readPolisFixture('25ptpt-3gp-no-strict-with-meta')).recovered).toEqual([]);
  });

  it('given Polis own centre and comps, statement projection and extremity match to 1e-12', () => {
    for (const name of polisFixtureNames) {
      const { fx } = fixtureInput(name);
      const { center, comps } = fx.math.pca;
      const m = center.length;
      for (let j = 0; j < m; j++) {
        const d = Math.sqrt(m) * (-1 - center[j]!);
        expect(Math.abs(d * comps[0]![j]! - fx.math.pca['comment-projection'][0]![j]!)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(Math.hypot(d * comps[0]![j]!, d * comps[1]![j]!) - fx.math.pca['comment-extremity'][j]!)).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('warm start from the converged comps converges at once and keeps the sign', () => {
    const { matrix, modOut } = fixtureInput('below-100-ptpts');
    const cold = pca(matrix, modOut, options);
    const flipped = [cold.comps[0].map((x) => -x), cold.comps[1]];
    const warm = pca(matrix, modOut, options, flipped);
    expect(warm.products[0]).toBeLessThan(cold.products[0]);
    expect(cosine(warm.comps[0], cold.comps[0])).toBeLessThan(-0.999999999);
    expect(cosine(warm.comps[1], cold.comps[1])).toBeGreaterThan(0.999999999);
  });

  it('agrees with ml-pca on the dense mean-imputed matrix (reference check)', () => {
    const { matrix, modOut } = fixtureInput('25ptpt-3gp-no-strict-with-meta');
    const ours = pca(matrix, modOut, options);
    // Dense imputed matrix: missing → column mean; moderated-out columns → 0 (Polis zeroes them).
    const dense = Array.from({ length: matrix.nRows }, () => Array.from(ours.center));
    for (let r = 0; r < matrix.nRows; r++) {
      for (let p = matrix.rowPtr[r]!; p < matrix.rowPtr[r + 1]!; p++) {
        const c = matrix.colIdx[p]!;
        dense[r]![c] = modOut[c] ? 0 : matrix.values[p]!;
      }
    }
    // ml-pca cannot take missing values and is dense (≈14× slower at 50k × 2k), hence only a check here.
    const reference = new PCA(new Matrix(dense), { center: true, scale: false });
    const loadings = reference.getLoadings();
    for (let k = 0; k < 2; k++) {
      expect(Math.abs(cosine(ours.comps[k as 0 | 1], loadings.getRow(k)))).toBeGreaterThanOrEqual(0.999999);
    }
  });

  it('projects participants sparsity-aware: a participant voting on everything gets scale 1', () => {
    const store = new VoteStore();
    store.add([
      { participant: 'full', statement: 'a', vote: 1 },
      { participant: 'full', statement: 'b', vote: -1 },
      { participant: 'half', statement: 'a', vote: -1 },
    ]);
    const matrix = store.matrix();
    const center = Float64Array.from([0, 1]);
    const comps: [Float64Array, Float64Array] = [Float64Array.from([1, 0]), Float64Array.from([0, 1])];
    const xy = projectParticipants(matrix, center, comps, new Uint8Array(2));
    // full: (−1 − 0, +1 − 1) · scale sqrt(2/2); half: (+1 − 0) · sqrt(2/1)
    expect([...xy]).toEqual([-1, 0, Math.SQRT2, 0]);
    // A moderated-out column counts as voted for everyone and has no loading.
    const withModOut = projectParticipants(matrix, center, comps, Uint8Array.from([0, 1]));
    expect([...withModOut]).toEqual([-1, 0, 1, 0]);
  });
});
