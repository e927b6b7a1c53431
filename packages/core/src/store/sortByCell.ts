import type { PendingChunk, PendingVotes } from './pendingVotes.js';
import { dispatch, int32s, isShared, type MathHelper } from '../helper/mathHelper.js';
import { sortRowSegmentsShared } from './sortRowSegments.js';

/** Pending votes in (row, column, arrival) order: row `rows[j]`'s votes sit at `[start[j], start[j+1])`. */
export interface SortedBatch {
  /** The rows that have votes, ascending. */
  rows: Int32Array;
  /** Positions in the destination arrays, `rows.length + 1` of them. */
  start: Int32Array;
}

/**
 * Writes the pending votes (columns ≤ `maxCol`) to `col`/`value`/`time` from position `base`, sorted
 * stably by row and then column, so each cell's votes stay in arrival order. A counting sort by row
 * (linear in the votes and in the span of rows) then a sort of each row's columns; a small batch
 * spread over many rows is sorted by comparison instead, so a warm merge never pays for every row.
 */
export function sortByCell(pending: PendingVotes, col: Int32Array, value: Int8Array, time: Float64Array | null, base: number, maxCol: number, helper?: MathHelper | null): SortedBatch {
  const p = pending.length;
  const { minRow, maxRow } = pending;
  const span = maxRow - minRow + 1;
  // Counting costs about one step per row of the span, comparison about p·log₂p steps of a few times that.
  if (span > 4 * p * Math.log2(p + 2) + 4096) return sortByComparison(pending, col, value, time, base);

  // Votes in sessions repeat a row in runs, counted and copied as blocks; other orders (e.g. an export
  // sorted by statement) go vote by vote, which is faster when runs are short.
  const chunks = pending.chunks;
  const grouped = chunks.map(inRuns);
  // A helper thread counts and copies the last chunk (a big batch's second part) when it can read and write all.
  const last = chunks[chunks.length - 1]!;
  const helped = helper != null && chunks.length >= 2 && [last.row, last.col, last.value, col, value].every(isShared) && (!time || (isShared(time) && (!last.time || isShared(last.time))));
  const own = helped ? chunks.length - 1 : chunks.length;
  const next = new Int32Array(span);
  // The last chunk's counts, then its positions: after the other chunks' votes of the same row.
  const lastNext = helped ? int32s(span, true) : null;
  let wait = lastNext ? dispatch(helper, { kind: 'countRows', row: last.row.subarray(0, last.length), minRow, runs: grouped[own]!, next: lastNext }, () => countChunkRows(last.row.subarray(0, last.length), minRow, grouped[own]!, lastNext)) : () => {};
  for (let n = 0; n < own; n++) countChunkRows(chunks[n]!.row.subarray(0, chunks[n]!.length), minRow, grouped[n]!, next);
  wait();
  let touched = 0;
  for (let k = 0; k < span; k++) if (next[k] !== 0 || (lastNext && lastNext[k] !== 0)) touched++;
  const rows = new Int32Array(touched);
  // Shared with a helper thread, which sorts the second half of the rows.
  const start = int32s(touched + 1, helper != null);
  // Counts become each row's next free position.
  for (let k = 0, j = 0, at = base; k < span; k++) {
    const count = next[k]! + (lastNext ? lastNext[k]! : 0);
    if (count === 0) continue;
    rows[j] = minRow + k;
    start[j++] = at;
    if (lastNext) lastNext[k] = at + next[k]!;
    next[k] = at;
    at += count;
  }
  start[touched] = base + p;
  wait = lastNext ? dispatch(helper, { kind: 'copyRows', row: last.row, col: last.col, value: last.value, time: last.time, length: last.length, minRow, runs: grouped[own]!, next: lastNext, toCol: col, toValue: value, toTime: time }, () => copyChunkRows(last, minRow, grouped[own]!, lastNext, col, value, time)) : () => {};
  for (let n = 0; n < own; n++) copyChunkRows(chunks[n]!, minRow, grouped[n]!, next, col, value, time);
  wait();
  sortRowSegmentsShared(col, value, time, start, maxCol, helper);
  return { rows, start };
}

/** Adds each row's votes in `row` to `next[row − minRow]`, counting runs of one row as blocks when `runs`. */
export function countChunkRows(row: Int32Array, minRow: number, runs: boolean, next: Int32Array): void {
  const length = row.length;
  if (!runs) {
    for (let i = 0; i < length; i++) next[row[i]! - minRow]!++;
    return;
  }
  for (let i = 0, j = 0; i < length; i = j) {
    const r = row[i]!;
    for (j = i + 1; j < length && row[j] === r; j++);
    next[r - minRow]! += j - i;
  }
}

/** Copies a chunk's votes to their rows' next free positions (`next`, advanced), runs of one row as blocks when `runs`. */
export function copyChunkRows(chunk: PendingChunk, minRow: number, runs: boolean, next: Int32Array, col: Int32Array, value: Int8Array, time: Float64Array | null): void {
  if (!runs) return scatter(chunk, next, minRow, col, value, time);
  const row = chunk.row;
  for (let i = 0, j = 0; i < chunk.length; i = j) {
    const r = row[i]!;
    for (j = i + 1; j < chunk.length && row[j] === r; j++);
    const at = next[r - minRow]!;
    next[r - minRow] = at + j - i;
    copyRun(chunk, i, j, col, value, time, at);
  }
}

// Whether a chunk's rows come in runs (a mean of 8 or more in its first 1,024 votes).
function inRuns({ row, length }: PendingChunk): boolean {
  const n = Math.min(length, 1024);
  let runs = 1;
  for (let i = 1; i < n; i++) if (row[i] !== row[i - 1]) runs++;
  return n >= 8 * runs;
}

// Each vote of a chunk to its row's next free position.
function scatter(chunk: PendingChunk, next: Int32Array, minRow: number, col: Int32Array, value: Int8Array, time: Float64Array | null): void {
  const { row, col: c, value: v, time: t, length } = chunk;
  for (let i = 0; i < length; i++) {
    const k = next[row[i]! - minRow]!++;
    col[k] = c[i]!;
    value[k] = v[i]!;
    if (time) time[k] = t ? t[i]! : NaN;
  }
}

// One row's votes [from, to) of a chunk to position `at`: element by element when few, else as a block (memcpy).
function copyRun(chunk: PendingChunk, from: number, to: number, col: Int32Array, value: Int8Array, time: Float64Array | null, at: number): void {
  const { col: c, value: v, time: t } = chunk;
  if (to - from < 32) {
    for (let i = from, k = at; i < to; i++, k++) {
      col[k] = c[i]!;
      value[k] = v[i]!;
      if (time) time[k] = t ? t[i]! : NaN;
    }
    return;
  }
  col.set(c.subarray(from, to), at);
  value.set(v.subarray(from, to), at);
  if (time && t) time.set(t.subarray(from, to), at);
  else if (time) time.fill(NaN, at, at + to - from);
}

function sortByComparison(pending: PendingVotes, col: Int32Array, value: Int8Array, time: Float64Array | null, base: number): SortedBatch {
  const p = pending.length;
  const row = new Int32Array(p);
  const c = new Int32Array(p);
  const v = new Int8Array(p);
  const t = new Float64Array(time ? p : 0);
  let at = 0;
  for (const chunk of pending.chunks) {
    row.set(chunk.row.subarray(0, chunk.length), at);
    c.set(chunk.col.subarray(0, chunk.length), at);
    v.set(chunk.value.subarray(0, chunk.length), at);
    if (time) {
      if (chunk.time) t.set(chunk.time.subarray(0, chunk.length), at);
      else t.fill(NaN, at, at + chunk.length);
    }
    at += chunk.length;
  }
  const order = new Int32Array(p);
  for (let i = 0; i < p; i++) order[i] = i;
  order.sort((a, b) => row[a]! - row[b]! || c[a]! - c[b]! || a - b);
  let touched = 0;
  for (let q = 0; q < p; q++) if (q === 0 || row[order[q]!] !== row[order[q - 1]!]) touched++;
  const rows = new Int32Array(touched);
  const start = new Int32Array(touched + 1);
  for (let q = 0, j = 0; q < p; q++) {
    const i = order[q]!;
    if (q === 0 || row[i] !== row[order[q - 1]!]) {
      rows[j] = row[i]!;
      start[j++] = base + q;
    }
    col[base + q] = c[i]!;
    value[base + q] = v[i]!;
    if (time) time[base + q] = t[i]!;
  }
  start[touched] = base + p;
  return { rows, start };
}
