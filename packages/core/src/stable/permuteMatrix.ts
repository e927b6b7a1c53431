import type { CsrMatrix } from '../matrix/csrMatrix.js';

/**
 * The vote matrix with rows and columns reordered: new row k is old row `rowOrder[k]`, new column k is old
 * column `colOrder[k]`, columns ascending within each row. Two counting sorts, O(nnz + rows + columns).
 */
export function permuteMatrix(matrix: CsrMatrix, rowOrder: Int32Array, colOrder: Int32Array): CsrMatrix {
  const { nRows, nCols, rowPtr, colIdx, values } = matrix;
  if (rowOrder.length !== nRows) throw new RangeError(`permuteMatrix: rowOrder has ${rowOrder.length} entries for ${nRows} rows`);
  if (colOrder.length !== nCols) throw new RangeError(`permuteMatrix: colOrder has ${colOrder.length} entries for ${nCols} columns`);
  const nnz = rowPtr[nRows]!;
  const newRow = new Int32Array(nRows);
  for (let k = 0; k < nRows; k++) newRow[rowOrder[k]!] = k;
  const newCol = new Int32Array(nCols);
  for (let k = 0; k < nCols; k++) newCol[colOrder[k]!] = k;

  // Bucket the entries by new column, then deal them out to their new rows column by column.
  const colStart = new Int32Array(nCols + 1);
  for (let p = 0; p < nnz; p++) colStart[newCol[colIdx[p]!]! + 1]!++;
  for (let c = 0; c < nCols; c++) colStart[c + 1]! += colStart[c]!;
  const byColRow = new Int32Array(nnz);
  const byColValue = new Int8Array(nnz);
  const fill = colStart.slice(0, nCols);
  for (let r = 0; r < nRows; r++) {
    const to = newRow[r]!;
    for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) {
      const at = fill[newCol[colIdx[p]!]!]!++;
      byColRow[at] = to;
      byColValue[at] = values[p]!;
    }
  }
  const outPtr = new Int32Array(nRows + 1);
  for (let r = 0; r < nRows; r++) outPtr[newRow[r]! + 1] = rowPtr[r + 1]! - rowPtr[r]!;
  for (let k = 0; k < nRows; k++) outPtr[k + 1]! += outPtr[k]!;
  const outCol = new Int32Array(nnz);
  const outValue = new Int8Array(nnz);
  const next = outPtr.slice(0, nRows);
  for (let c = 0; c < nCols; c++) {
    for (let at = colStart[c]!; at < colStart[c + 1]!; at++) {
      const p = next[byColRow[at]!]!++;
      outCol[p] = c;
      outValue[p] = byColValue[at]!;
    }
  }
  return { nRows, nCols, rowPtr: outPtr, colIdx: outCol, values: outValue };
}
