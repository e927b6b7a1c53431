import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { columnMeans } from '../../src/pca/columnMeans.js';
import { centeredValues, covarianceProduct, scatterProduct, segmentProduct } from '../../src/pca/covarianceProduct.js';
import type { HelperTask, MathHelper } from '../../src/helper/mathHelper.js';
import { runHelperTask } from '../../src/helper/runHelperTask.js';
import { lcg } from '../../src/random/lcg.js';
import { VoteStore } from '../../src/store/voteStore.js';
import { polisFixtureNames, readPolisFixture } from '../helpers/fixtures.js';

// The mean-imputed, centred matrix X written out densely, moderated-out columns zero: the reference.
function denseCentred(store: VoteStore, modOut: Uint8Array) {
  const matrix = store.matrix();
  const center = columnMeans(matrix, modOut);
  const dense = Matrix.zeros(matrix.nRows, matrix.nCols);
  for (let r = 0; r < matrix.nRows; r++) {
    for (let p = matrix.rowPtr[r]!; p < matrix.rowPtr[r + 1]!; p++) {
      const c = matrix.colIdx[p]!;
      if (!modOut[c]) dense.set(r, c, matrix.values[p]! - center[c]!);
    }
  }
  return { matrix, center, dense };
}

describe('covarianceProduct (the Xᵀ X v behind both solvers)', () => {
  for (const name of polisFixtureNames) {
    it(`${name}: equals Xᵀ X v of the dense imputed matrix (Polis's summation order exactly; segmentProduct and scatterProduct up to rounding)`, () => {
      const fx = readPolisFixture(name);
      const store = new VoteStore();
      store.add(fx.votes);
      const modOutSet = new Set(fx.math['mod-out']);
      const modOut = Uint8Array.from(store.statementIds, (t) => (modOutSet.has(t as number) ? 1 : 0));
      const { matrix, center, dense } = denseCentred(store, modOut);
      const random = lcg(7);
      const v = Float64Array.from({ length: matrix.nCols }, () => random() - 0.5);
      const expected = dense.transpose().mmul(dense.mmul(Matrix.columnVector(Array.from(v)))).to1DArray();
      // Polis's own order: each dense row's dot product (imputed cells add exactly 0), then w += dot · row.
      const polisSum = new Float64Array(matrix.nCols);
      for (let r = 0; r < matrix.nRows; r++) {
        let dot = 0;
        for (let c = 0; c < matrix.nCols; c++) dot += dense.get(r, c) * v[c]!;
        if (dot !== 0) for (let c = 0; c < matrix.nCols; c++) polisSum[c]! += dot * dense.get(r, c);
      }
      const scale = Math.max(...expected.map(Math.abs));
      const out = new Float64Array(matrix.nCols);
      covarianceProduct(matrix, centeredValues(matrix, center, modOut), v, out, new Float64Array(matrix.nRows));
      expected.forEach((x, c) => expect(Math.abs(out[c]! - x)).toBeLessThanOrEqual(1e-12 * scale));
      modOut.forEach((skip, c) => skip && expect(out[c]).toBe(0));
      expect(Array.from(out)).toEqual(Array.from(polisSum));
      const segments = new Float64Array(matrix.nCols);
      const product = segmentProduct(matrix, center, modOut);
      for (let repeat = 0; repeat < 2; repeat++) {
        // Twice: the second call must not see the first one's scratch.
        product(v, segments);
        expected.forEach((x, c) => expect(Math.abs(segments[c]! - x)).toBeLessThanOrEqual(1e-12 * scale));
        modOut.forEach((skip, c) => skip && expect(segments[c]).toBe(0));
      }
      const scattered = new Float64Array(matrix.nCols);
      const scatter = scatterProduct(matrix, center, modOut);
      let firstBits: number[] | null = null;
      for (let repeat = 0; repeat < 4; repeat++) {
        // From the third product on the votes are read as segments: the very same bits as the first two.
        scatter(v, scattered);
        expected.forEach((x, c) => expect(Math.abs(scattered[c]! - x)).toBeLessThanOrEqual(1e-12 * scale));
        modOut.forEach((skip, c) => skip && expect(scattered[c]).toBe(0));
        firstBits ??= Array.from(scattered);
        expect(Array.from(scattered), `product ${repeat + 1}`).toEqual(firstBits);
      }
    });
  }
});

describe('scatterProduct with a helper thread (MathHelper)', () => {
  it('gives the same bits with and without a helper, and the helper computes exactly the second half of the rows', () => {
    const fx = readPolisFixture(polisFixtureNames[0]!);
    const plain = new VoteStore();
    plain.add(fx.votes);
    const shared = new VoteStore({ shared: true });
    shared.add(fx.votes);
    const matrix = shared.matrix();
    expect(matrix.colIdx.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(matrix.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(matrix.rowPtr.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(plain.matrix().colIdx.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    const modOut = new Uint8Array(matrix.nCols);
    const center = columnMeans(matrix, modOut);
    const random = lcg(3);
    const v = Float64Array.from({ length: matrix.nCols }, () => random() - 0.5);
    // A stand-in for another thread: runs the share when waited on, as a worker would before `wait` returns.
    const shares: HelperTask[] = [];
    const helper: MathHelper = {
      run(task) {
        // As posted to a thread: a copy of the task as it is now.
        shares.push({ ...task });
        return () => runHelperTask(task);
      },
    };
    const withHelper = new Float64Array(matrix.nCols);
    const without = new Float64Array(matrix.nCols);
    const threaded = scatterProduct(matrix, center, modOut, helper);
    const alone = scatterProduct(plain.matrix(), center, modOut);
    for (let product = 1; product <= 4; product++) {
      const w = v.map((x) => x * product);
      threaded(w, withHelper);
      alone(w, without);
      expect(Array.from(withHelper), `product ${product}`).toEqual(Array.from(without));
    }
    // Products 1–2 read colIdx and values; before the third, the helper writes the second half of the votes' segments.
    expect(shares.map((t) => t.kind)).toEqual(['scatter', 'scatter', 'voteCells', 'scatter', 'scatter']);
    const cells = shares[2]!;
    if (cells.kind !== 'voteCells') throw new Error('expected a voteCells task');
    const nnz = matrix.rowPtr[matrix.nRows]!;
    expect(cells.to).toBe(nnz);
    expect(cells.cells.buffer).toBeInstanceOf(SharedArrayBuffer);
    cells.cells.forEach((cell, p) => expect(cell).toBe(3 * matrix.colIdx[p]! + matrix.values[p]! + 1));
    const later = shares[3]!;
    if (later.kind !== 'scatter') throw new Error('expected a scatter task');
    expect(later.cells).toBe(cells.cells);
    expect(shares[0]!.kind === 'scatter' && shares[0]!.cells).toBeNull();
    // A cold fit reads segments from its first product: the same bits again.
    const cold: HelperTask[] = [];
    const fromFirst = scatterProduct(matrix, center, modOut, { run: (task) => (cold.push({ ...task }), () => runHelperTask(task)) }, 1);
    fromFirst(v, withHelper);
    alone(v, without);
    expect(Array.from(withHelper)).toEqual(Array.from(without));
    expect(cold.map((t) => t.kind)).toEqual(['voteCells', 'scatter']);
    const share = shares[0]!;
    if (share.kind !== 'scatter') throw new Error(`expected a scatter task, got ${share.kind}`);
    expect(share.to).toBe(matrix.nRows);
    expect(cells.from).toBe(matrix.rowPtr[share.from]!);
    // The split halves the votes, whatever the threads: both halves within one row of nnz / 2.
    expect(matrix.rowPtr[share.from]!).toBeGreaterThanOrEqual(nnz / 2);
    expect(matrix.rowPtr[share.from - 1]!).toBeLessThan(nnz / 2);
    expect(share.weighted.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(share.sums.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('leaves a matrix outside shared memory to this thread alone', () => {
    const fx = readPolisFixture(polisFixtureNames[0]!);
    const store = new VoteStore();
    store.add(fx.votes);
    const matrix = store.matrix();
    const modOut = new Uint8Array(matrix.nCols);
    let asked = 0;
    const out = new Float64Array(matrix.nCols);
    scatterProduct(matrix, columnMeans(matrix, modOut), modOut, { run: () => (asked++, () => {}) })(new Float64Array(matrix.nCols).fill(1), out);
    expect(asked).toBe(0);
    expect(out.some((x) => x !== 0)).toBe(true);
  });
});
