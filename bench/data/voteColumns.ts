/**
 * Votes as parallel typed columns, one entry per vote, so that tens of millions of votes never
 * become JS objects. Public sign: agree = +1, disagree = −1, pass = 0. Times in ms since the epoch.
 */
export interface VoteColumns {
  participant: Int32Array;
  statement: Int32Array;
  vote: Int8Array;
  time: Float64Array;
}

/** Bytes held by the columns (17 per vote). */
export function columnBytes(columns: VoteColumns): number {
  return columns.participant.byteLength + columns.statement.byteLength + columns.vote.byteLength + columns.time.byteLength;
}

/** A copy of the columns in SharedArrayBuffers (as the CLI's second CSV thread hands its part over). */
export function sharedColumns(columns: VoteColumns): VoteColumns {
  const copy = <T extends Int32Array | Int8Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
    out.set(a as never);
    return out;
  };
  return { participant: copy(columns.participant), statement: copy(columns.statement), vote: copy(columns.vote), time: copy(columns.time) };
}

/** The votes in [start, end) as views on the same memory (no copy). */
export function sliceColumns(columns: VoteColumns, start: number, end: number): VoteColumns {
  return {
    participant: columns.participant.subarray(start, end),
    statement: columns.statement.subarray(start, end),
    vote: columns.vote.subarray(start, end),
    time: columns.time.subarray(start, end),
  };
}
