/** One block of pending votes: rows and columns as dense indices, values in Polis's internal sign. */
export interface PendingChunk {
  row: Int32Array;
  col: Int32Array;
  value: Int8Array;
  /** Vote times (NaN = none), or null when no vote in this chunk had a time column. */
  time: Float64Array | null;
  length: number;
  /** The caller's arrays, taken over by `adopt`: never kept for later votes. */
  adopted?: boolean;
}

// Small adds share chunks of at most this many votes; a bulk add gets a chunk of its own size.
const SHARED_CHUNK = 1 << 16;

/**
 * Votes waiting for the next merge, kept as a list of chunks: a bulk load writes each batch once
 * and never copies it to grow, and the chunks are released after the merge.
 */
export class PendingVotes {
  readonly chunks: PendingChunk[] = [];
  length = 0;
  /** Whether any pending vote has a time. */
  hasTime = false;
  /** Smallest and largest pending row (Infinity and −1 when empty). */
  minRow = Infinity;
  maxRow = -1;

  /** A chunk with room for `n` more votes after its `length` (with a time column when `withTime`); call `commit(n)` after filling it. */
  room(n: number, withTime: boolean): PendingChunk {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.row.length - chunk.length < n) {
      const capacity = n >= SHARED_CHUNK ? n : Math.min(SHARED_CHUNK, Math.max(1024, n, 2 * (chunk?.row.length ?? 0)));
      chunk = { row: new Int32Array(capacity), col: new Int32Array(capacity), value: new Int8Array(capacity), time: null, length: 0 };
      this.chunks.push(chunk);
    }
    if (withTime && !chunk.time) chunk.time = new Float64Array(chunk.row.length).fill(NaN, 0, chunk.length);
    // A zero-filled slot would read as time 0, so untimed votes in a timed chunk get NaN.
    else if (!withTime && chunk.time) chunk.time.fill(NaN, chunk.length, chunk.length + n);
    return chunk;
  }

  /** Takes over a full chunk as is (its arrays exactly `length` long); it is never written to again. */
  adopt(chunk: PendingChunk): void {
    // A later small add must not write into the caller's arrays: their length leaves no room.
    const full: PendingChunk = { row: chunk.row.subarray(0, chunk.length), col: chunk.col.subarray(0, chunk.length), value: chunk.value.subarray(0, chunk.length), time: chunk.time ? chunk.time.subarray(0, chunk.length) : null, length: 0, adopted: true };
    this.chunks.push(full);
    this.commit(chunk.length);
  }

  /** Counts the `n` votes just written after the last chunk's `length`. */
  commit(n: number): void {
    const chunk = this.chunks[this.chunks.length - 1]!;
    // The row range is taken while the rows are still in cache.
    const row = chunk.row;
    let min = this.minRow;
    let max = this.maxRow;
    for (let i = chunk.length; i < chunk.length + n; i++) {
      const r = row[i]!;
      if (r < min) min = r;
      if (r > max) max = r;
    }
    this.minRow = min;
    this.maxRow = max;
    chunk.length += n;
    this.length += n;
  }

  /** Empties the buffer; a small last chunk is kept for the next votes, large ones are released. */
  clear(): void {
    const last = this.chunks[this.chunks.length - 1];
    this.chunks.length = 0;
    if (last && last.row.length <= SHARED_CHUNK && !last.adopted) {
      // Its time column (if any) stays: untimed votes written there get NaN.
      last.length = 0;
      this.chunks.push(last);
    }
    this.length = 0;
    this.hasTime = false;
    this.minRow = Infinity;
    this.maxRow = -1;
  }
}
