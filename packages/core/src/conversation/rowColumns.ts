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
 * `n` rows of `source` read at `stride * r + offset` (through `groupIds` when given: -1 is null, else the
 * id at that index), sharing each chunk of `previous` whose entries are all the same value (Object.is).
 */
export function patchedColumn(previous: RowColumn | null, n: number, source: Int32Array | Float64Array, stride: number, offset: number, groupIds: Int32Array | null = null): RowColumn {
  const nullable = groupIds !== null;
  const reuse = previous !== null && previous.length <= n && previous.nullable === nullable ? previous : null;
  const nChunks = (n + CHUNK - 1) >>> CHUNK_BITS;
  const chunks = new Array<Float64Array>(nChunks);
  let shared = 0;
  for (let c = 0; c < nChunks; c++) {
    const from = c << CHUNK_BITS;
    const to = Math.min(n, from + CHUNK);
    // A chunk holds every row the previous column had in it; rows past that are new.
    const before = reuse && to <= reuse.length ? reuse.chunks[c]! : null;
    let same = before !== null;
    for (let r = from; same && r < to; r++) {
      const a = before![r - from]!;
      const b = valueAt(source, stride * r + offset, groupIds);
      // Object.is written out: a call per entry would box both doubles.
      if (a === b ? a === 0 && 1 / a !== 1 / b : a === a || b === b) same = false;
    }
    if (same) {
      chunks[c] = before!;
      shared++;
      continue;
    }
    const chunk = new Float64Array(CHUNK);
    for (let r = from; r < to; r++) chunk[r - from] = valueAt(source, stride * r + offset, groupIds);
    chunks[c] = chunk;
  }
  // Nothing changed and no row joined: the very same column, so the plain arrays are shared too.
  if (reuse && shared === nChunks && reuse.length === n) return reuse;
  return new RowColumn(chunks, n, nullable);
}

function valueAt(source: Int32Array | Float64Array, at: number, groupIds: Int32Array | null): number {
  const v = source[at]!;
  if (groupIds === null) return v;
  return v < 0 ? NaN : groupIds[v]!;
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

/** Clustered rows in result order, turned into ids on first read. */
export class RowIds {
  #plain: ParticipantId[] | null = null;

  constructor(
    readonly rows: Int32Array,
    readonly ids: readonly ParticipantId[],
  ) {}

  plain(): ParticipantId[] {
    if (this.#plain) return this.#plain;
    const out = new Array<ParticipantId>(this.rows.length);
    for (let i = 0; i < out.length; i++) out[i] = this.ids[this.rows[i]!]!;
    return (this.#plain = out);
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
