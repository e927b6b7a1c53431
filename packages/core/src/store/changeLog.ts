import { GrowableArray } from './growableArray.js';

/** `CellChanges.old` of a cell that had no vote. */
export const absentVote = -128;

/**
 * Cells whose stored value changed, one entry per change: merges in order, and by (row, column)
 * within a merge. Values use Polis's internal sign. A cell can appear more than once; applying the
 * entries in order (remove `old` unless absentVote, add `value`) turns the old tallies into the new.
 */
export interface CellChanges {
  row: Int32Array;
  col: Int32Array;
  /** The value before the change, or absentVote where the cell was empty. */
  old: Int8Array;
  /** The value after the change. */
  value: Int8Array;
}

// The log is given up (the reader recomputes) once it would exceed max(this, stored votes / 8).
const MIN_LIMIT = 1 << 16;

/** Records CellChanges between two `take()` calls, up to a size where recomputing is cheaper. */
export class ChangeLog {
  readonly #row = new GrowableArray(Int32Array, 256);
  readonly #col = new GrowableArray(Int32Array, 256);
  readonly #old = new GrowableArray(Int8Array, 256);
  readonly #value = new GrowableArray(Int8Array, 256);
  #overflowed = false;

  /** Whether a merge of `pending` votes into `stored` ones should be logged; gives up the log when too big. */
  accepts(pending: number, stored: number): boolean {
    if (this.#overflowed) return false;
    if (this.#row.length + pending <= Math.max(MIN_LIMIT, (stored + pending) >>> 3)) return true;
    this.#overflowed = true;
    this.#clear();
    return false;
  }

  record(row: number, col: number, old: number, value: number): void {
    this.#row.push(row);
    this.#col.push(col);
    this.#old.push(old);
    this.#value.push(value);
  }

  /** The changes since the last take (copies), or null when they were too many to log; then starts afresh. */
  take(): CellChanges | null {
    const changes = this.#overflowed
      ? null
      : { row: this.#row.view().slice(), col: this.#col.view().slice(), old: this.#old.view().slice(), value: this.#value.view().slice() };
    this.#overflowed = false;
    this.#clear();
    return changes;
  }

  #clear(): void {
    this.#row.clear();
    this.#col.clear();
    this.#old.clear();
    this.#value.clear();
  }
}
