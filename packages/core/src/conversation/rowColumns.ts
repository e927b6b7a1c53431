import type { Tallies } from '../stats/tallies.js';
import type { ParticipantId } from '../types.js';

// A warm result's per-participant arrays, kept as fixed-size chunks that the next result shares wherever no
// entry changed: a batch that moves a few rows copies a few chunks, where whole 100k-entry arrays cost a
// fresh large allocation each (page faults dominate that, not the copying). The plain array is built on
// first read and kept, so the result still reads as plain JSON.

const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/** Numbers per row in chunks; NaN stands for null where the column holds nullable values. */
export class RowColumn {
  #plain: (number | null)[] | null = null;

  constructor(
    readonly chunks: readonly Float64Array[],
    readonly length: number,
    /** NaN entries read as null (group ids); else as NaN. */
    readonly nullable: boolean,
  ) {}

  /** The column as a plain array, built once. */
  plain(): (number | null)[] {
    if (this.#plain) return this.#plain;
    const n = this.length;
    const out = new Array<number | null>(n);
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const from = c << CHUNK_BITS;
      const to = Math.min(n, from + CHUNK);
      if (this.nullable) for (let r = from; r < to; r++) {
        const v = chunk[r - from]!;
        out[r] = v === v ? v : null;
      }
      else for (let r = from; r < to; r++) out[r] = chunk[r - from]!;
    }
    return (this.#plain = out);
  }
}

/**
 * Which chunks of `n` rows hold one of `rows` (1), for `patchedColumn`'s `changed`; null (every chunk may have
 * changed) when `rows` is null.
 */
export function chunksOf(rows: Int32Array | null, n: number): Uint8Array | null {
  if (!rows) return null;
  const marks = new Uint8Array((n + CHUNK - 1) >>> CHUNK_BITS);
  for (let i = 0; i < rows.length; i++) marks[rows[i]! >>> CHUNK_BITS] = 1;
  return marks;
}

/**
 * `n` rows of `values` read at `stride * r + offset`, sharing each chunk of `previous` whose entries are all
 * the same values (Object.is). `nullable`: NaN reads as null. `changed` (from `chunksOf`): chunks marked 0 hold
 * no row that changed, so they are shared without comparing.
 */
export function patchedColumn(previous: RowColumn | null, n: number, values: Float64Array, stride: number, offset: number, nullable = false, changed: Uint8Array | null = null): RowColumn {
  const reuse = previous !== null && previous.length <= n && previous.nullable === nullable ? previous : null;
  const nChunks = (n + CHUNK - 1) >>> CHUNK_BITS;
  const chunks = new Array<Float64Array>(nChunks);
  let shared = 0;
  for (let c = 0; c < nChunks; c++) {
    const from = c << CHUNK_BITS;
    const to = Math.min(n, from + CHUNK);
    // A chunk holds every row the previous column had in it; rows past that are new.
    const before = reuse && to <= reuse.length ? reuse.chunks[c]! : null;
    // A chunk with none of the rows the caller says may have changed is the same without comparing it.
    if (before && ((changed !== null && changed[c] === 0) || sameChunk(before, values, from, to, stride, offset))) {
      chunks[c] = before;
      shared++;
      continue;
    }
    const chunk = new Float64Array(CHUNK);
    for (let r = from, at = stride * from + offset; r < to; r++, at += stride) chunk[r - from] = values[at]!;
    chunks[c] = chunk;
  }
  // Nothing changed and no row joined: the very same column, so the plain arrays are shared too.
  if (reuse && shared === nChunks && reuse.length === n) return reuse;
  return new RowColumn(chunks, n, nullable);
}

function sameChunk(chunk: Float64Array, values: Float64Array, from: number, to: number, stride: number, offset: number): boolean {
  for (let r = from, at = stride * from + offset; r < to; r++, at += stride) {
    const a = chunk[r - from]!;
    const b = values[at]!;
    // Object.is written out: a call per entry would box both doubles.
    if (a === b ? a === 0 && 1 / a !== 1 / b : a === a || b === b) return false;
  }
  return true;
}

/** The first `length` ids of an append-only id list, copied on first read. */
export class IdPrefix {
  #plain: ParticipantId[] | null = null;

  constructor(
    readonly ids: readonly ParticipantId[],
    readonly length: number,
  ) {}

  plain(): ParticipantId[] {
    return (this.#plain ??= this.ids.slice(0, this.length));
  }
}

/** Rows (clustered ones in result order, a base cluster's members), turned into ids on first read. */
export class RowIds {
  #plain: ParticipantId[] | null = null;

  constructor(
    readonly rows: ArrayLike<number>,
    readonly ids: readonly ParticipantId[],
  ) {}

  plain(): ParticipantId[] {
    if (this.#plain) return this.#plain;
    const out = new Array<ParticipantId>(this.rows.length);
    for (let i = 0; i < out.length; i++) out[i] = this.ids[this.rows[i]!]!;
    return (this.#plain = out);
  }
}

/** Member ids of each base cluster; a cluster whose members did not change keeps the previous result's list. */
export class MemberLists {
  #plain: ParticipantId[][] | null = null;

  constructor(readonly lists: readonly RowIds[]) {}

  plain(): ParticipantId[][] {
    return (this.#plain ??= this.lists.map((list) => list.plain()));
  }
}

/** Makes `key` of `target` an enumerable property read from `column` on first access (assignable like data). */
export function defineLazy<T extends object, K extends keyof T>(target: T, key: K, column: { plain(): T[K] }): void {
  let value: T[K] | undefined;
  let read = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!read) {
        value = column.plain();
        read = true;
      }
      return value;
    },
    set: (v: T[K]) => {
      value = v;
      read = true;
    },
  });
}

type VotesBase = { agree: number[][]; disagree: number[][]; seen: number[][] };

/**
 * A warm result's per-statement, per-base-cluster counts (`votesBase`): a whole table, or the cells changed
 * since the previous result's. A base-cluster move changes a few counts of nearly every statement, so rows
 * shared per statement would still be copied almost all; cells cost what changed. A chain is cut with a
 * whole table once its changes add up to the table's size, which bounds both its memory and a read.
 */
export class BaseCounts {
  #plain: VotesBase | null = null;

  private constructor(
    readonly nBase: number,
    readonly nCols: number,
    /** Columns a table row has room for: statements up to this many join without a new table. */
    readonly stride: number,
    readonly parent: BaseCounts | null,
    /** parent null: the table, one row of `stride` statements per (kind, base cluster), see `cell`; else (index, count) pairs. */
    readonly cells: Int32Array | Uint16Array,
    /** Entries of `cells` in this chain since its table. */
    readonly chained: number,
  ) {}

  /** Index of statement c's count of `kind` (agree 0, disagree 1, seen 2) for base cluster bi, in the table and in pairs. */
  cell(c: number, bi: number, kind: number): number {
    return (kind * this.nBase + bi) * this.stride + c;
  }

  /** The whole table of base cluster bi's counts in row `rowOf[bi]` of `t`. */
  static table(t: Tallies, rowOf: Int32Array): BaseCounts {
    const { nCols } = t;
    const nBase = rowOf.length;
    // Room for some statements to join: a row per (kind, base cluster) is then copied whole, in order.
    const stride = nCols + Math.max(8, nCols >>> 3);
    const kinds = [t.agree, t.disagree, t.seen];
    let max = 0;
    for (const counts of kinds) {
      for (let bi = 0; bi < nBase; bi++) {
        const from = rowOf[bi]! * nCols;
        for (let c = from; c < from + nCols; c++) if (counts[c]! > max) max = counts[c]!;
      }
    }
    // Counts of one base cluster rarely pass 65,535: half the bytes to allocate (and to fault in) at each cut.
    const cells = max <= 0xffff ? new Uint16Array(3 * nBase * stride) : new Int32Array(3 * nBase * stride);
    for (let k = 0; k < 3; k++) {
      for (let bi = 0; bi < nBase; bi++) {
        const from = rowOf[bi]! * nCols;
        cells.set(kinds[k]!.subarray(from, from + nCols), (k * nBase + bi) * stride);
      }
    }
    return new BaseCounts(nBase, nCols, stride, null, cells, 0);
  }

  /**
   * `parent` with the (index, count) pairs of `changes` (copied, indices from `parent.cell`); the whole table when
   * the chain would outgrow one or a statement joined past the table's room.
   */
  static changed(parent: BaseCounts, changes: Int32Array, t: Tallies, rowOf: Int32Array): BaseCounts {
    const chained = parent.chained + changes.length;
    if (chained >= 3 * parent.nBase * parent.stride || t.nCols > parent.stride) return BaseCounts.table(t, rowOf);
    return new BaseCounts(parent.nBase, t.nCols, parent.stride, parent, changes.slice(), chained);
  }

  plain(): VotesBase {
    if (this.#plain) return this.#plain;
    const { nBase, nCols, stride } = this;
    const chain: BaseCounts[] = [];
    for (let at: BaseCounts | null = this; at; at = at.parent) chain.push(at);
    const base = chain.pop()!.cells;
    // A whole table (no changes chained) is read as it is: a copy cost more than the reads (~25 ms at 2,000 × 100, in fresh pages).
    let table: Uint16Array | Int32Array = base;
    if (chain.length > 0) {
      // Statements that joined after the table start at 0: their cells were all touched, or are still 0.
      table = new Int32Array(3 * nBase * stride);
      table.set(base);
      // Oldest changes first, so a cell changed twice ends with its latest count.
      for (let i = chain.length - 1; i >= 0; i--) {
        const pairs = chain[i]!.cells;
        for (let j = 0; j < pairs.length; j += 2) table[pairs[j]!] = pairs[j + 1]!;
      }
    }
    const out: VotesBase = { agree: new Array<number[]>(nCols), disagree: new Array<number[]>(nCols), seen: new Array<number[]>(nCols) };
    const kinds = [out.agree, out.disagree, out.seen];
    for (let k = 0; k < 3; k++) {
      const rows = kinds[k]!;
      for (let c = 0; c < nCols; c++) {
        const row = new Array<number>(nBase);
        for (let bi = 0, at = k * nBase * stride + c; bi < nBase; bi++, at += stride) row[bi] = table[at]!;
        rows[c] = row;
      }
    }
    return (this.#plain = out);
  }
}
