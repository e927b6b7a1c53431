import type { CsrMatrix } from '../matrix/csrMatrix.js';
import type { ParticipantId, StatementId, Vote } from '../types.js';
import { appendVotes } from './appendVotes.js';
import { ChangeLog, type CellChanges } from './changeLog.js';
import { CsrBuffers } from './csrBuffers.js';
import { IdIndex } from './idIndex.js';
import { mergeVotes } from './mergeVotes.js';
import { dispatch, float64s, int32s, isShared, offerScratch, type AdoptPartTask, type MathHelper } from '../helper/mathHelper.js';
import { runHelperTask } from '../helper/runHelperTask.js';
import { firstBadVote, flipVotes, latestTime, rowTimeOrder } from './adoptPart.js';
import { PendingVotes } from './pendingVotes.js';
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
  readonly #csr: CsrBuffers;
  readonly #pending = new PendingVotes();
  readonly #changes = new ChangeLog();
  #view: CsrMatrix | null = null;
  #lastVoteTime = 0;

  readonly #helper: MathHelper | null;
  // Adopted id columns whose memory the next merge leaves unused (with `wholeBuffers`).
  #deadAfterMerge: Int32Array[] = [];

  /**
   * `shared`: keep the matrix in SharedArrayBuffers, for another thread to read (Node, or a cross-origin
   * isolated page); implied by `helper`, a thread that also sorts half of a big batch of new votes.
   */
  constructor(options: { shared?: boolean; helper?: MathHelper | null } = {}) {
    this.#helper = options.helper ?? null;
    const shared = options.shared === true || this.#helper !== null;
    if (shared && typeof SharedArrayBuffer === 'undefined') throw new TypeError('VoteStore: shared memory was asked for, but SharedArrayBuffer is not available here');
    this.#csr = new CsrBuffers(shared);
  }

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
    return this.#pending.length;
  }

  /** Adds a batch of votes. The batch is validated first: on any bad vote nothing is stored. */
  add(votes: readonly Vote[]): void {
    let timed = false;
    for (let i = 0; i < votes.length; i++) {
      validateVote(votes[i], i);
      if (votes[i]!.time !== undefined) timed = true;
    }
    const n = votes.length;
    const chunk = this.#pending.room(n, timed);
    const { row, col, value, time } = chunk;
    for (let i = 0, at = chunk.length; i < n; i++, at++) {
      const v = votes[i]!;
      row[at] = this.participants.intern(v.participant);
      col[at] = this.statements.intern(v.statement);
      // Polis's math uses agree = −1 internally; the public convention is agree = +1.
      value[at] = v.vote === 0 ? 0 : -v.vote;
      if (time) this.#noteTime((time[at] = v.time ?? NaN));
    }
    this.#pending.commit(n);
  }

  /**
   * Adds columnar votes (fast path for bulk loads). Validated first, like `add`. With `adopt`, the
   * store takes the arrays over when they are an Int32Array participant and statement, an Int8Array
   * vote and a Float64Array time (if any): it rewrites them in place into its own pending votes instead
   * of copying them, so the caller must not use them afterwards (a cold load then allocates nothing
   * per vote before the merge). Other column types are copied as without it. A list of column sets
   * is one batch, as if concatenated (e.g. the parts of a file parsed on several threads).
   */
  addColumns(columns: VoteColumns | readonly VoteColumns[], options: AddColumnsOptions = {}): void {
    // Several column sets are one batch, as if concatenated: all are checked before any is stored.
    const parts = Array.isArray(columns) ? (columns as readonly VoteColumns[]) : [columns as VoteColumns];
    const adopt = options.adopt === true && parts.every(adoptable);
    // A helper thread checks, then maps, the last part of a batch in shared memory while this thread does the others.
    const last = parts[parts.length - 1];
    const helped = adopt && this.#helper !== null && parts.length >= 2 && sharedColumns(last as AdoptableColumns) ? (last as AdoptableColumns) : null;
    let offset = 0;
    if (helped) {
      const n = checkLengths(helped);
      const result = int32s(1, true);
      const wait = dispatch(this.#helper, { kind: 'checkVotes', vote: helped.vote, time: helped.time ?? null, result }, () => void (result[0] = firstBadVote(helped.vote, helped.time)));
      try {
        for (const part of parts.slice(0, -1)) offset += checkColumns(part, offset);
      } finally {
        wait();
      }
      if (result[0]! < n) reportRow(helped, result[0]!, offset);
    } else for (const part of parts) offset += checkColumns(part, offset);
    if (adopt) return this.#adopt(parts as AdoptableColumns[], options.keepTimes ?? true, helped !== null, options.wholeBuffers === true);
    for (const part of parts) this.#copy(part);
  }

  #copy({ participant, statement, vote, time }: VoteColumns): void {
    const n = participant.length;
    const chunk = this.#pending.room(n, time !== undefined);
    const { row, col, value, time: times } = chunk;
    const base = chunk.length;
    // Votes come in sessions, so the previous participant's row is often the one needed again.
    let lastParticipant: ParticipantId | undefined;
    let lastRow = -1;
    for (let i = 0; i < n; i++) {
      const id = participant[i]!;
      if (id !== lastParticipant) {
        lastParticipant = id;
        lastRow = this.participants.intern(id);
      }
      row[base + i] = lastRow;
      const v = vote[i]!;
      value[base + i] = v === 0 ? 0 : -v;
    }
    this.statements.internAll(statement, col, base);
    if (time && times) {
      let latest = -Infinity;
      for (let i = 0; i < n; i++) {
        const t = time[i]!;
        times[base + i] = t;
        if (t > latest) latest = t;
      }
      if (latest > -Infinity) this.#noteTime(latest);
    }
    this.#pending.commit(n);
  }

  // addColumns with adopt: ids become row and column indices and votes flip sign, in the caller's arrays.
  // Participants of every part are interned before statements, as one concatenated call would.
  // `helped`: the helper maps the last part from snapshots of the id tables; this thread interns what it did not know.
  #adopt(parts: readonly AdoptableColumns[], keepTimes: boolean, helped: boolean, wholeBuffers: boolean): void {
    const last = parts[parts.length - 1]!;
    const limit = 4 * last.participant.length + 1024;
    const participants = helped ? this.participants.directSnapshot(limit) : null;
    const statements = participants ? this.statements.directSnapshot(limit) : null;
    let task: AdoptPartTask | null = null;
    let wait = () => {};
    if (participants && statements) {
      const t: AdoptPartTask = { kind: 'adoptPart', participant: last.participant, statement: last.statement, vote: last.vote, time: last.time ?? null, participants, statements, result: int32s(2, true), latest: float64s(1, true) };
      wait = dispatch(this.#helper, t, () => runHelperTask(t));
      task = t;
    }
    const own = task ? parts.slice(0, -1) : parts;
    for (const { participant: row } of own) this.#internParticipants(row, 0);
    for (const { statement: col, vote: value } of own) {
      flipVotes(value);
      this.statements.internAll(col, col, 0);
    }
    if (task) {
      wait();
      // From where each mapping met an id the snapshot did not hold, in order, as if this thread had done it all.
      this.#internParticipants(last.participant, task.result[0]!);
      const from = task.result[1]!;
      this.statements.internAll(last.statement.subarray(from), last.statement, from);
    }
    const timed = parts.every((p) => p.time !== undefined);
    // Arrival order picks each cell's latest vote as the times would: then they need not be stored.
    const dropTimes = timed && !keepTimes && this.#pending.length === 0 && this.#csr.times === null && timesFollowArrival(parts, this.participants.size, helped ? this.#helper : null);
    // The dropped times' memory, already paged in, can hold the matrix the merge writes (not a buffer that also holds votes).
    if (dropTimes && wholeBuffers) {
      const votes = new Set<ArrayBufferLike>(parts.flatMap((p) => [p.participant.buffer, p.statement.buffer, p.vote.buffer]));
      for (const { time } of parts) if (!votes.has(time!.buffer)) this.#csr.offerSpare(time!.buffer, time!.byteOffset, time!.byteOffset + 8 * time!.length);
    }
    // After the merge the id columns are dead: the helper's next big arrays can take their pages (see offerScratch).
    if (wholeBuffers && this.#helper) this.#deadAfterMerge = parts.flatMap((p) => [p.participant, p.statement]);
    for (const part of parts) {
      const { participant: row, statement: col, vote: value, time } = part;
      const latest = task && part === last ? task.latest[0]! : latestTime(time);
      if (dropTimes) {
        if (latest > this.#lastVoteTime) this.#lastVoteTime = latest;
      } else if (latest > -Infinity) this.#noteTime(latest);
      this.#pending.adopt({ row, col, value, time: dropTimes ? null : (time ?? null), length: row.length });
    }
  }

  // Participant ids from `from` on become rows, in place.
  #internParticipants(row: Int32Array, from: number): void {
    let lastParticipant = -1;
    let lastRow = -1;
    for (let i = from; i < row.length; i++) {
      const id = row[i]!;
      if (id !== lastParticipant || lastRow < 0) {
        lastParticipant = id;
        lastRow = this.participants.intern(id);
      }
      row[i] = lastRow;
    }
  }

  #noteTime(time: number): void {
    if (time !== time) return;
    this.#pending.hasTime = true;
    if (time > this.#lastVoteTime) this.#lastVoteTime = time;
  }

  /**
   * The merged vote matrix (values in Polis's internal sign). The arrays are views on the store's
   * buffers: treat them as read-only, and copy them to keep them, since the next merge of new votes
   * may overwrite them in place.
   */
  matrix(): CsrMatrix {
    if (this.#pending.length > 0) this.#merge();
    const nRows = this.participants.size;
    const nCols = this.statements.size;
    if (this.#view && this.#view.nRows === nRows && this.#view.nCols === nCols) return this.#view;
    const csr = this.#csr;
    csr.padRows(nRows);
    this.#view = {
      nRows,
      nCols,
      rowPtr: csr.rowPtr.subarray(0, nRows + 1),
      colIdx: csr.colIdx.subarray(0, csr.nnz),
      values: csr.values.subarray(0, csr.nnz),
    };
    return this.#view;
  }

  /** Vote times aligned with `matrix().colIdx`, or null when no vote ever had a time. Same lifetime as `matrix()`. */
  times(): Float64Array | null {
    this.matrix();
    return this.#csr.times ? this.#csr.times.subarray(0, this.#csr.nnz) : null;
  }

  /**
   * Internal, not public API: the cells whose value changed since the previous call (merging pending
   * votes first), with each cell's old value, so that tallies can be updated instead of recomputed.
   * Null when they were too many to log (more than max(65,536, an eighth of the votes), as after a
   * bulk load): then the caller recomputes from `matrix()`.
   */
  takeChanges(): CellChanges | null {
    this.matrix();
    return this.#changes.take();
  }

  // New votes only on rows that are still empty (a cold load, new participants) are appended in
  // place; otherwise the touched rows are merged and the rows after them shifted.
  #merge(): void {
    const csr = this.#csr;
    const pending = this.#pending;
    csr.padRows(this.participants.size);
    if (pending.hasTime) csr.withTimes();
    const log = this.#changes.accepts(pending.length, csr.nnz) ? this.#changes : null;
    const nCols = this.statements.size;
    if (pending.minRow >= csr.emptyTail()) appendVotes(csr, pending, nCols, log, this.#helper);
    else mergeVotes(csr, pending, nCols, log);
    pending.clear();
    this.#view = null;
    if (this.#helper && this.#deadAfterMerge.length > 0) offerDead(this.#helper, this.#deadAfterMerge);
    this.#deadAfterMerge = [];
  }
}

// Offers each buffer behind `dead` once, from its first dead column on (never the matrix's: that takes only a time buffer holding no id column).
function offerDead(helper: MathHelper, dead: readonly Int32Array[]): void {
  const spans = new Map<ArrayBufferLike, { offset: number; written: number }>();
  for (const column of dead) {
    const span = spans.get(column.buffer);
    const end = column.byteOffset + column.byteLength;
    if (span) (span.offset = Math.min(span.offset, column.byteOffset)), (span.written = Math.max(span.written, end));
    else spans.set(column.buffer, { offset: column.byteOffset, written: end });
  }
  for (const [buffer, { offset, written }] of spans) offerScratch(helper, buffer, offset, written);
}

/** Options of `VoteStore.addColumns`. */
export interface AddColumnsOptions {
  /** Take the typed arrays over instead of copying them (see `addColumns`). Default false. */
  adopt?: boolean;
  /**
   * With `adopt`, false lets the store drop the vote times when they cannot change which vote of a cell
   * is the latest (every participant's timed votes arrive in time order, into an empty store): 8 bytes
   * a vote less, and `times()` then gives null. Later votes on those cells win by arrival. Default true.
   */
  keepTimes?: boolean;
  /**
   * With `adopt`, true hands over each array's whole buffer, past the array's own end too (as a reader's spare
   * capacity), so pages already present are written again instead of fresh ones: dropped times' buffers hold the
   * matrix the first merge writes, and with a helper the dead id columns the PCA's 2-byte vote segments. Default false.
   */
  wholeBuffers?: boolean;
}

// Whether each row's timed votes come in non-decreasing time order over the parts (untimed ones go by arrival anyway).
function timesFollowArrival(parts: readonly AdoptableColumns[], nRows: number, helper: MathHelper | null): boolean {
  const lastPart = parts[parts.length - 1]!;
  // A helper checks the last part (shared memory) on its own; the parts join where its first times follow the others' last.
  const split = helper !== null && parts.length >= 2 && sharedColumns(lastPart);
  const own = split ? parts.slice(0, -1) : parts;
  const other = split ? { first: float64s(nRows, true).fill(Infinity), last: float64s(nRows, true).fill(-Infinity), result: int32s(1, true) } : null;
  const wait = other
    ? dispatch(helper, { kind: 'timeOrder', row: lastPart.participant, time: lastPart.time!, first: other.first, last: other.last, result: other.result }, () => void (other.result[0] = rowTimeOrder(lastPart.participant, lastPart.time!, other.first, other.last) ? 1 : 0))
    : () => {};
  const last = new Float64Array(nRows).fill(-Infinity);
  let inOrder = true;
  try {
    for (const { participant: row, time } of own) if (inOrder) inOrder = rowTimeOrder(row, time!, null, last);
  } finally {
    wait();
  }
  if (!inOrder || !other) return inOrder;
  if (other.result[0] !== 1) return false;
  for (let r = 0; r < nRows; r++) if (other.first[r]! < last[r]!) return false;
  return true;
}

// Checks one column set (lengths, ids, votes, times) before anything is stored; returns its length.
function checkColumns(columns: VoteColumns, offset: number): number {
  const { participant, statement, vote, time } = columns;
  const n = checkLengths(columns);
  // Ids in an integer typed array are valid numbers by construction, so only other columns are checked per id.
  const participantsValid = isIntegerArray(participant);
  const statementsValid = isIntegerArray(statement);
  if (participantsValid && statementsValid) {
    const firstBad = firstBadVote(vote, time);
    if (firstBad < n) reportRow(columns, firstBad, offset);
    return n;
  }
  // Checked in one tight loop (no object per vote); the first bad row is reported in full.
  for (let i = 0; i < n; i++) {
    const v = vote[i];
    const t = time ? time[i]! : NaN;
    if (
      (!participantsValid && !validId(participant[i])) ||
      (!statementsValid && !validId(statement[i])) ||
      (v !== 1 && v !== 0 && v !== -1) ||
      !(t === t ? Number.isFinite(t) : true)
    ) {
      reportRow(columns, i, offset);
    }
  }
  return n;
}

// The columns' common length; throws naming the column that differs.
function checkLengths({ participant, statement, vote, time }: VoteColumns): number {
  const n = participant.length;
  for (const [field, column] of [['statement', statement], ['vote', vote], ['time', time]] as const) {
    if (column && column.length !== n) throw new RangeError(`vote columns differ in length: participant has ${n}, ${field} has ${column.length}`);
  }
  return n;
}

// Throws validateVote's error for row i (batch row offset + i).
function reportRow({ participant, statement, vote, time }: VoteColumns, i: number, offset: number): void {
  validateVote({ participant: participant[i]!, statement: statement[i]!, vote: vote[i] as Vote['vote'], time: time ? time[i]! : undefined }, offset + i, true);
}

// Adoptable columns whose arrays another thread can read and write.
function sharedColumns(c: AdoptableColumns): boolean {
  return isShared(c.participant) && isShared(c.statement) && isShared(c.vote) && (c.time === undefined || isShared(c.time));
}

type AdoptableColumns = { participant: Int32Array; statement: Int32Array; vote: Int8Array; time?: Float64Array };

// Columns of the exact types and equal lengths the pending votes use (addColumns checked the lengths).
function adoptable(c: VoteColumns): c is AdoptableColumns {
  return c.participant instanceof Int32Array && c.statement instanceof Int32Array && c.vote instanceof Int8Array && (c.time === undefined || c.time instanceof Float64Array);
}

function isIntegerArray(column: ArrayLike<unknown>): boolean {
  return column instanceof Int32Array || column instanceof Uint32Array || column instanceof Int16Array || column instanceof Uint16Array || column instanceof Int8Array || column instanceof Uint8Array;
}

function validId(id: unknown): boolean {
  return typeof id === 'number' ? Number.isFinite(id) : typeof id === 'string' && id.length > 0;
}
