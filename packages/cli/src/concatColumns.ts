import type { PolisVoteColumns } from '@kuulo/core';

/** The first columns with the second appended, in the first's spare room when it has enough. */
export function concatColumns(a: PolisVoteColumns, b: PolisVoteColumns): PolisVoteColumns {
  const n = a.length + b.length;
  const grow = <T extends Int32Array | Int8Array | Float64Array>(x: T, y: T): T => {
    const make = x.constructor as { new (length: number): T; new (buffer: ArrayBufferLike, offset: number, length: number): T };
    const room = (x.buffer.byteLength - x.byteOffset) / x.BYTES_PER_ELEMENT;
    const out = room >= n ? new make(x.buffer, x.byteOffset, n) : new make(n);
    if (out.buffer !== x.buffer) out.set(x as never);
    out.set(y as never, a.length);
    return out;
  };
  return { length: n, participant: grow(a.participant, b.participant), statement: grow(a.statement, b.statement), vote: grow(a.vote, b.vote), time: grow(a.time, b.time) };
}
