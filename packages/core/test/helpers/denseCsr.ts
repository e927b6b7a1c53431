import type { CsrMatrix } from '../../src/matrix/csrMatrix.js';

/** CSR from dense rows (null = missing), values in Polis's internal sign; `nCols` defaults to the first row's length. */
export function denseCsr(rows: readonly (number | null)[][], nCols = rows[0]?.length ?? 0): CsrMatrix {
  const rowPtr = [0];
  const colIdx: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.forEach((v, j) => v !== null && (colIdx.push(j), values.push(v)));
    rowPtr.push(colIdx.length);
  }
  return { nRows: rows.length, nCols, rowPtr: Int32Array.from(rowPtr), colIdx: Int32Array.from(colIdx), values: Int8Array.from(values) };
}
