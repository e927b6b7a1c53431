/**
 * A participants × statements vote matrix in compressed sparse row form: row r's votes are
 * `colIdx[rowPtr[r] .. rowPtr[r+1])` with values in `values`, columns ascending within a row.
 *
 * Values use Polis's internal sign: agree = −1, disagree = +1, pass = 0. Missing cells are absent.
 * Rows and columns are dense indices in first-appearance order (Polis's row/column order).
 */
export interface CsrMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Int8Array;
}
