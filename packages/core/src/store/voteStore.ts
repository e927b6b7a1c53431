import type { CsrMatrix } from '../matrix/csrMatrix.js';
import type { ParticipantId, StatementId, Vote } from '../types.js';
import { GrowableArray } from './growableArray.js';
import { IdIndex } from './idIndex.js';
import { validateVote } from './validateVote.js';

/** Columnar votes for bulk loading (public sign: agree = +1). */
export interface VoteColumns {
  participant: ArrayLike<ParticipantId>;
  statement: ArrayLike<StatementId>;
  vote: ArrayLike<number>;
  /** Vote times in ms; NaN or absent means "no time" (arrival order decides). */
  time?: ArrayLike<number>;
}

/**
 * An incremental sparse vote store: votes arrive one at a time or in batches, in any order, and the
 * latest vote on a (participant, statement) cell wins — by `time` when both votes have one, else by
 * arrival. New votes wait in an append buffer and are merged into a CSR matrix on `matrix()`, so
 * memory grows with the number of votes, never with participants × statements.
 */
export class VoteStore {
  readonly participants = new IdIndex<ParticipantId>();
  readonly statements = new IdIndex<StatementId>();
  #rowPtr = new Int32Array(1);
  #colIdx = new Int32Array(0);
  #values = new Int8Array(0);
  #times: Float64Array | null = null;
  #pendingRow = new GrowableArray(Int32Array);
  #pendingCol = new GrowableArray(Int32Array);
  #pendingValue = new GrowableArray(Int8Array);
  #pendingTime = new GrowableArray(Float64Array);
  #pendingHasTime = false;
  #lastVoteTime = 0;

  /** Participant ids in row order (first appearance). */
  get participantIds(): readonly ParticipantId[] {
    return this.participants.ids;
  }

  /** Statement ids in column order (first appearance). */
  get statementIds(): readonly StatementId[] {
    return this.statements.ids;
  }

  /** Largest vote time seen (0 when no vote had a time). */
  get lastVoteTime(): number {
    return this.#lastVoteTime;
  }

  /** Votes waiting to be merged by the next `matrix()` call. */
  get pendingCount(): number {
    return this.#pendingRow.length;
  }

  /** Adds a batch of votes. The batch is validated first: on any bad vote nothing is stored. */
  add(votes: readonly Vote[]): void {
    for (let i = 0; i < votes.length; i++) validateVote(votes[i], i);
    this.#reserve(votes.length);
    for (const v of votes) this.#push(v.participant, v.statement, v.vote, v.time ?? NaN);
  }

  /** Adds columnar votes (fast path for bulk loads). Validated first, like `add`. */
  addColumns(columns: VoteColumns): void {
    const n = columns.participant.length;
    for (const field of ['statement', 'vote', 'time'] as const) {
      const column = columns[field];
      if (column && column.length !== n) throw new RangeError(`vote columns differ in length: participant has ${n}, ${field} has ${column.length}`);
    }
    const { participant, statement, vote, time } = columns;
    // Checked in one tight loop (no object per vote); the first bad row is reported in full.
    for (let i = 0; i < n; i++) {
      const v = vote[i];
      const t = time ? time[i]! : NaN;
      if (!validId(participant[i]) || !validId(statement[i]) || (v !== 1 && v !== 0 && v !== -1) || !(t === t ? Number.isFinite(t) : true)) {
        validateVote({ participant: participant[i]!, statement: statement[i]!, vote: v as Vote['vote'], time: time ? t : undefined }, i, true);
      }
    }
    this.#reserve(n);
    for (let i = 0; i < n; i++) this.#push(participant[i]!, statement[i]!, vote[i]!, time ? time[i]! : NaN);
  }

  #reserve(n: number): void {
    this.#pendingRow.reserve(n);
    this.#pendingCol.reserve(n);
    this.#pendingValue.reserve(n);
    this.#pendingTime.reserve(n);
  }

  #push(participant: ParticipantId, statement: StatementId, vote: number, time: number): void {
    this.#pendingRow.push(this.participants.intern(participant));
    this.#pendingCol.push(this.statements.intern(statement));
    // Polis's math uses agree = −1 internally; the public convention is agree = +1.
    this.#pendingValue.push(vote === 0 ? 0 : -vote);
    this.#pendingTime.push(time);
    if (time === time) {
      this.#pendingHasTime = true;
      if (time > this.#lastVoteTime) this.#lastVoteTime = time;
    }
  }

  /** The merged vote matrix (values in Polis's internal sign). Treat the arrays as read-only. */
  matrix(): CsrMatrix {
    if (this.#pendingRow.length > 0) this.#merge();
    const nRows = this.participants.size;
    if (this.#rowPtr.length < nRows + 1) this.#padRows(nRows);
    return {
      nRows,
      nCols: this.statements.size,
      rowPtr: this.#rowPtr,
      colIdx: this.#colIdx,
      values: this.#values,
    };
  }

  /** Vote times aligned with `matrix().colIdx`, or null when no vote ever had a time. */
  times(): Float64Array | null {
    this.matrix();
    return this.#times;
  }

  #padRows(nRows: number): void {
    const rowPtr = new Int32Array(nRows + 1);
    rowPtr.set(this.#rowPtr);
    rowPtr.fill(this.#rowPtr[this.#rowPtr.length - 1]!, this.#rowPtr.length);
    this.#rowPtr = rowPtr;
  }

  // Sorts the append buffer by (row, column, arrival), keeps each cell's winner and merges it row by row.
  #merge(): void {
    const nRows = this.participants.size;
    const p = this.#pendingRow.length;
    const pRow = this.#pendingRow.data;
    const pCol = this.#pendingCol.data;
    const pVal = this.#pendingValue.data;
    const pTime = this.#pendingTime.data;
    if (this.#pendingHasTime && !this.#times) this.#times = new Float64Array(this.#colIdx.length).fill(NaN);

    // Counting sort of the buffer by row (stable), gathered into contiguous arrays.
    const start = new Int32Array(nRows + 1);
    for (let i = 0; i < p; i++) start[pRow[i]! + 1]!++;
    for (let r = 0; r < nRows; r++) start[r + 1]! += start[r]!;
    const fill = start.slice(0, nRows);
    const hasTime = this.#pendingHasTime;
    const sCol = new Int32Array(p);
    const sVal = new Int8Array(p);
    const sTime = new Float64Array(hasTime ? p : 0);
    for (let i = 0; i < p; i++) {
      const k = fill[pRow[i]!]!++;
      sCol[k] = pCol[i]!;
      sVal[k] = pVal[i]!;
      if (hasTime) sTime[k] = pTime[i]!;
    }
    // Then each row's votes by column, stably (insertion sort: rows are short).
    for (let r = 0; r < nRows; r++) sortSegment(sCol, sVal, sTime, hasTime, start[r]!, start[r + 1]!);

    const oldPtr = this.#rowPtr;
    const oldRows = oldPtr.length - 1;
    const oldCol = this.#colIdx;
    const oldVal = this.#values;
    const oldTime = this.#times;
    const capacity = oldPtr[oldRows]! + p;
    const rowPtr = new Int32Array(nRows + 1);
    const colIdx = new Int32Array(capacity);
    const values = new Int8Array(capacity);
    const times = oldTime ? new Float64Array(capacity) : null;
    let out = 0;
    let r = 0;
    while (r < nRows) {
      // Copy a run of rows with no new votes in one block.
      if (start[r] === start[r + 1]) {
        let end = r;
        while (end < nRows && start[end] === start[end + 1]) end++;
        const from = r < oldRows ? oldPtr[r]! : oldPtr[oldRows]!;
        const to = end < oldRows ? oldPtr[end]! : oldPtr[oldRows]!;
        colIdx.set(oldCol.subarray(from, to), out);
        values.set(oldVal.subarray(from, to), out);
        if (times && oldTime) times.set(oldTime.subarray(from, to), out);
        for (let q = r; q < end; q++) rowPtr[q + 1] = out + ((q + 1 < oldRows ? oldPtr[q + 1]! : oldPtr[oldRows]!) - from);
        out += to - from;
        r = end;
        continue;
      }
      // This row's new votes, already in (column, arrival) order.
      const s = start[r]!;
      const len = start[r + 1]! - s;
      let a = r < oldRows ? oldPtr[r]! : 0;
      const aEnd = r < oldRows ? oldPtr[r + 1]! : 0;
      let k = 0;
      while (k < len || a < aEnd) {
        const newCol = k < len ? sCol[s + k]! : Infinity;
        const oldC = a < aEnd ? oldCol[a]! : Infinity;
        if (oldC < newCol) {
          colIdx[out] = oldC;
          values[out] = oldVal[a]!;
          if (times) times[out] = oldTime![a]!;
          out++;
          a++;
          continue;
        }
        // Winner among the old vote (if any) and the new votes on this column, in arrival order.
        let value = 0;
        let time = NaN;
        let have = false;
        if (oldC === newCol) {
          value = oldVal[a]!;
          time = oldTime ? oldTime[a]! : NaN;
          have = true;
          a++;
        }
        while (k < len && sCol[s + k]! === newCol) {
          const t = hasTime ? sTime[s + k]! : NaN;
          if (!have || !(t === t && time === time && t < time)) {
            value = sVal[s + k]!;
            time = t;
            have = true;
          }
          k++;
        }
        colIdx[out] = newCol;
        values[out] = value;
        if (times) times[out] = time;
        out++;
      }
      rowPtr[r + 1] = out;
      r++;
    }
    this.#rowPtr = rowPtr;
    this.#colIdx = colIdx.subarray(0, out);
    this.#values = values.subarray(0, out);
    this.#times = times ? times.subarray(0, out) : null;
    this.#pendingRow.clear();
    this.#pendingCol.clear();
    this.#pendingValue.clear();
    this.#pendingTime.clear();
  }
}

function validId(id: unknown): boolean {
  return typeof id === 'number' ? Number.isFinite(id) : typeof id === 'string' && id.length > 0;
}

// Stable sort of one row's new votes by column; insertion sort, with a key sort for long rows.
function sortSegment(col: Int32Array, val: Int8Array, time: Float64Array, hasTime: boolean, from: number, to: number): void {
  if (to - from > 64) {
    const len = to - from;
    // Column and position packed exactly into one double, so a numeric sort is stable.
    const keys = new Float64Array(len);
    for (let k = 0; k < len; k++) keys[k] = col[from + k]! * 8388608 + k;
    keys.sort();
    const c = col.slice(from, to);
    const v = val.slice(from, to);
    const t = hasTime ? time.slice(from, to) : time;
    for (let k = 0; k < len; k++) {
      const i = keys[k]! % 8388608;
      col[from + k] = c[i]!;
      val[from + k] = v[i]!;
      if (hasTime) time[from + k] = t[i]!;
    }
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const c = col[i]!;
    if (col[i - 1]! <= c) continue;
    const v = val[i]!;
    const t = hasTime ? time[i]! : 0;
    let j = i - 1;
    while (j >= from && col[j]! > c) {
      col[j + 1] = col[j]!;
      val[j + 1] = val[j]!;
      if (hasTime) time[j + 1] = time[j]!;
      j--;
    }
    col[j + 1] = c;
    val[j + 1] = v;
    if (hasTime) time[j + 1] = t;
  }
}
