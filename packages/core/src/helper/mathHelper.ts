/**
 * Work a `MathHelper` runs on its thread: one share of a step whose parts are independent, so the
 * result is the same bits whichever thread computes it. Every array is a view of a SharedArrayBuffer.
 */
export type HelperTask = ScatterTask | VoteCellsTask | TallyRowsTask | SortRowsTask | RowDotsTask | CheckVotesTask | AdoptPartTask | CountRowsTask | CopyRowsTask | ColumnSumsTask | TimeOrderTask | AssignPointsTask;

/** Rows `[from, to)` of a scatter product (see `scatterProduct`). */
export interface ScatterTask {
  kind: 'scatter';
  /** The vote matrix's row pointers (CSR). */
  rowPtr: Int32Array;
  /** The vote matrix's column of each vote. */
  colIdx: Int32Array;
  /** The vote matrix's value of each vote (−1, 0, 1). */
  values: Int8Array;
  /** Each vote's segment 3c + value + 1 (`voteCells`), read instead of `colIdx` and `values` when given. */
  cells: Uint16Array | null;
  /** Per (statement, vote) segment 3c + value + 1: the centred vote times the product's vector. */
  weighted: Float64Array;
  /** Per segment: receives the sum of the dot products of the share's rows holding that vote (zeroed by the caller). */
  sums: Float64Array;
  /** First row of the share. */
  from: number;
  /** Row after the share's last. */
  to: number;
}

/** Votes `[from, to)` of `voteCells`: each vote's segment 3c + value + 1. */
export interface VoteCellsTask {
  kind: 'voteCells';
  /** The vote matrix's column of each vote. */
  colIdx: Int32Array;
  /** The vote matrix's value of each vote (−1, 0, 1). */
  values: Int8Array;
  /** Receives each vote's segment. */
  cells: Uint16Array;
  /** First vote of the share. */
  from: number;
  /** Vote after the share's last. */
  to: number;
}

/** Rows `[from, to)` of `tallyRows`, counted into the task's own tables (zeroed first, so a rerun gives the same). */
export interface TallyRowsTask {
  kind: 'tallyRows';
  /** The vote matrix's row pointers (CSR). */
  rowPtr: Int32Array;
  /** The vote matrix's column of each vote. */
  colIdx: Int32Array;
  /** The vote matrix's value of each vote (−1, 0, 1). */
  values: Int8Array;
  /** Group index per row, −1 for none (checked by the caller). */
  rowGroup: Int32Array;
  /** Columns of the tables. */
  nCols: number;
  /** Receive the counts, at g · nCols + column. */
  agree: Int32Array;
  disagree: Int32Array;
  seen: Int32Array;
  /** First row of the share. */
  from: number;
  /** Row after the share's last. */
  to: number;
}

/** Sorts each segment `[start[j], start[j+1])` of `col` by column, stably, moving `value` and `time` along. */
export interface SortRowsTask {
  kind: 'sortRows';
  /** Columns of the votes being merged into the matrix. */
  col: Int32Array;
  /** Values aligned with `col`. */
  value: Int8Array;
  /** Times aligned with `col`, or null. */
  time: Float64Array | null;
  /** Segment bounds: one row's votes each. */
  start: Int32Array;
  /** The largest column. */
  maxCol: number;
}

/** Rows `[from, to)` of `rowDots` (each row's centred votes times the two components). */
export interface RowDotsTask {
  kind: 'rowDots';
  /** The vote matrix's row pointers (CSR). */
  rowPtr: Int32Array;
  /** The vote matrix's column of each vote. */
  colIdx: Int32Array;
  /** The vote matrix's value of each vote. */
  values: Int8Array;
  /** The PCA centre per statement. */
  center: Float64Array;
  /** First component. */
  pc1: Float64Array;
  /** Second component. */
  pc2: Float64Array;
  /** 1 for moderated-out statements. */
  modOut: Uint8Array;
  /** Receives x, y per row. */
  dots: Float64Array;
  /** Receives each row's count of votes outside moderated-out statements. */
  voted: Int32Array;
  /** First row of the share. */
  from: number;
  /** Row after the share's last. */
  to: number;
}

/** `firstBadVote` of one part of a batch of vote columns, into `result[0]`. */
export interface CheckVotesTask {
  kind: 'checkVotes';
  /** The part's votes. */
  vote: Int8Array;
  /** The part's times, or null. */
  time: Float64Array | null;
  /** Receives the first bad row, or the part's length. */
  result: Int32Array;
}

/**
 * One part of a batch of vote columns being adopted: ids mapped in place from snapshots of the
 * store's id tables (`mapKnownIds`; where each stopped goes to `result[0]`, `result[1]`), votes
 * flipped to Polis's sign, and the latest time into `latest[0]`.
 */
export interface AdoptPartTask {
  kind: 'adoptPart';
  /** Participant ids, rewritten into rows. */
  participant: Int32Array;
  /** Statement ids, rewritten into columns. */
  statement: Int32Array;
  /** Votes, flipped in sign. */
  vote: Int8Array;
  /** Times, or null. */
  time: Float64Array | null;
  /** Snapshot of the participants' direct table (row + 1, 0 = unknown). */
  participants: Int32Array;
  /** Snapshot of the statements' direct table (column + 1, 0 = unknown). */
  statements: Int32Array;
  /** Receives where the participant and the statement mapping stopped. */
  result: Int32Array;
  /** Receives the latest time (−Infinity when none). */
  latest: Float64Array;
}

/** Counts a batch part's votes per row (`next[row − minRow]`, added to), as the store's counting sort does. */
export interface CountRowsTask {
  kind: 'countRows';
  /** The part's rows. */
  row: Int32Array;
  /** The smallest row of the batch. */
  minRow: number;
  /** Whether the part's rows come in runs (counted as blocks). */
  runs: boolean;
  /** Receives the counts. */
  next: Int32Array;
}

/** Copies a batch part's votes to their rows' next free positions in the matrix arrays. */
export interface CopyRowsTask {
  kind: 'copyRows';
  /** The part's rows. */
  row: Int32Array;
  /** The part's columns. */
  col: Int32Array;
  /** The part's values. */
  value: Int8Array;
  /** The part's times, or null. */
  time: Float64Array | null;
  /** Votes in the part. */
  length: number;
  /** The smallest row of the batch. */
  minRow: number;
  /** Whether the part's rows come in runs (copied as blocks). */
  runs: boolean;
  /** Each row's next free position (advanced). */
  next: Int32Array;
  /** The matrix's columns. */
  toCol: Int32Array;
  /** The matrix's values. */
  toValue: Int8Array;
  /** The matrix's times, or null. */
  toTime: Float64Array | null;
}

/** Votes `[from, to)` of the matrix added to their columns' sums and counts (the PCA's centre). */
export interface ColumnSumsTask {
  kind: 'columnSums';
  /** The vote matrix's column of each vote. */
  colIdx: Int32Array;
  /** The vote matrix's value of each vote. */
  values: Int8Array;
  /** First vote of the share. */
  from: number;
  /** Vote after the share's last. */
  to: number;
  /** Receives the sum of values per column. */
  sum: Float64Array;
  /** Receives the count of votes per column. */
  count: Float64Array;
}

/** Whether one part's timed votes come in time order per row (`result[0]` 1 or 0), with each row's first and last time. */
export interface TimeOrderTask {
  kind: 'timeOrder';
  /** The part's rows. */
  row: Int32Array;
  /** The part's times (NaN = none). */
  time: Float64Array;
  /** Receives each row's first time (filled with +Infinity). */
  first: Float64Array;
  /** Receives each row's last time (filled with −Infinity). */
  last: Float64Array;
  /** Receives 1 when in order, else 0. */
  result: Int32Array;
}

/** Points `[from, to)` of one k-means assignment step (`assignPoints`); the step's centres, index and start copied. */
export interface AssignPointsTask {
  kind: 'assignPoints';
  /** x, y per point. */
  points: Float64Array;
  /** Slot per point (updated). */
  assign: Int32Array;
  /** Upper bound per point (updated). */
  upper: Float64Array;
  /** Lower bound per point (updated). */
  lower: Float64Array;
  /** First point of the share. */
  from: number;
  /** Point after the share's last. */
  to: number;
  /** Centre x per slot. */
  cx: Float64Array;
  /** Centre y per slot. */
  cy: Float64Array;
  /** |c|² per slot. */
  c2: Float64Array;
  /** Iteration rank per slot (ties go to the higher). */
  rank: Int32Array;
  /** Error allowance of Polis's distance formula. */
  slack: number;
  /** Live slots in the centre index. */
  alive: number;
  /** Row stride of the index's neighbour table. */
  stride: number;
  /** Nearest live slots per slot. */
  neighbors: Int32Array;
  /** Their distances. */
  neighborDistance: Float64Array;
  /** Half the distance to each slot's nearest other centre. */
  half: Float64Array;
  /** Drift per slot since the bounds were set (steps after the first), else null. */
  moved: Float64Array | null;
  /** Sum of the per-step largest drifts. */
  movedMax: number;
  /** The anchor grid where a search starts, or null. */
  grid: { x0: number; y0: number; scaleX: number; scaleY: number; size: number; anchor: Int32Array } | null;
  /** First step: each point's probable slot (−1 none), or null. */
  hint: Int32Array | null;
  /** Receives a flag per slot that gained or lost a point. */
  changed: Uint8Array;
}

/**
 * A second thread, supplied by a host that has threads (the CLI); core has none, in Node or the
 * browser. A conversation given one keeps its matrix in shared memory and hands it half of its
 * largest steps (PCA products, projecting every participant, checking and sorting a big batch of votes
 * into the matrix). The results are the same bits without it.
 */
export interface MathHelper {
  /** Starts `runHelperTask(task)` on the other thread and returns a function that blocks until it is done. */
  run(task: HelperTask): () => void;
}

/**
 * Hands `task` to the helper when there is one and every array of the task is shared memory;
 * otherwise returns `local`, which the caller runs where it would wait: after its own share.
 */
export function dispatch(helper: MathHelper | null | undefined, task: HelperTask, local: () => void): () => void {
  if (helper == null) return local;
  for (const value of Object.values(task)) {
    if (ArrayBuffer.isView(value) && !isShared(value)) return local;
  }
  return helper.run(task);
}

/** Whether a typed array is a view of a SharedArrayBuffer. */
export function isShared(array: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && array.buffer instanceof SharedArrayBuffer;
}

/** A zeroed Float64Array, in shared memory when `shared`. */
export function float64s(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(8 * length)) : new Float64Array(length);
}

// Shared memory a conversation no longer needs, written before (a cold load's adopted columns after the merge), by helper.
const scratch = new WeakMap<MathHelper, { buffer: SharedArrayBuffer; offset: number; written: number }[]>();

/**
 * Offers bytes `[offset, buffer end)` of a shared buffer nothing reads any more (those below `written` written
 * before) for a later `takeScratch` with the same helper: pages already present cost nothing to write again,
 * where each fresh 4 KB page faults (~10 µs on a virtual machine).
 */
export function offerScratch(helper: MathHelper, buffer: ArrayBufferLike, offset: number, written: number): void {
  if (!(typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer) || offset % 8 !== 0) return;
  const list = scratch.get(helper) ?? [];
  list.push({ buffer, offset, written });
  scratch.set(helper, list);
}

/** The offered memory with room for `bytes` and the most of it written before, removed from the offers; its contents are left as they are. */
export function takeScratch(helper: MathHelper, bytes: number): { buffer: SharedArrayBuffer; offset: number } | null {
  const list = scratch.get(helper);
  if (!list) return null;
  let best = -1;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (e.buffer.byteLength - e.offset < bytes) continue;
    if (best < 0 || Math.min(e.written - e.offset, bytes) > Math.min(list[best]!.written - list[best]!.offset, bytes)) best = i;
  }
  return best < 0 ? null : list.splice(best, 1)[0]!;
}

/** Forgets every offer made with `helper` (so the buffers can be freed). */
export function dropScratch(helper: MathHelper): void {
  scratch.delete(helper);
}

/** A zeroed Int32Array, in shared memory when `shared`. */
export function int32s(length: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(4 * length)) : new Int32Array(length);
}

/** A zeroed Uint16Array, in shared memory when `shared`. */
export function uint16s(length: number, shared: boolean): Uint16Array {
  return shared ? new Uint16Array(new SharedArrayBuffer(2 * length)) : new Uint16Array(length);
}

/** A copy of `array` in shared memory (a helper can read only shared memory). */
export function sharedCopy<T extends Float64Array | Int32Array | Uint8Array>(array: T): T {
  const make = array.constructor as { new (buffer: SharedArrayBuffer): T };
  const copy = new make(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

/** The first row at or past which half of the votes lie: the split depends on the matrix alone, never on threads. */
export function halfVotesRow(rowPtr: Int32Array, nRows: number): number {
  const half = rowPtr[nRows]! / 2;
  let lo = 0;
  let hi = nRows;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rowPtr[mid]! < half) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
