import type { PolisVoteColumns, Vote } from '@kuulo/core';

// Polis's math worker reads a whole conversation ordered by (statement, participant, time) (polis-math.md
// §1.3), which fixes row/column order and so k-means seeding: a one-shot analysis feeds votes that way.

/** A sorted copy of `votes` in Polis's reload order (stable: equal keys keep file order). */
export function reloadOrderVotes(votes: readonly Vote[]): Vote[] {
  const key = (id: Vote['statement']) => (typeof id === 'number' ? id : Number.NaN);
  return [...votes].sort(
    (a, b) =>
      compare(key(a.statement), key(b.statement), a.statement, b.statement) ||
      compare(key(a.participant), key(b.participant), a.participant, b.participant) ||
      (a.time ?? 0) - (b.time ?? 0),
  );
}

/** Columns permuted into Polis's reload order (stable). */
export function reloadOrderColumns(c: PolisVoteColumns): PolisVoteColumns {
  const { participant: P, statement: S, time: T } = c;
  const order = Array.from({ length: c.length }, (_, i) => i);
  // NaN times (no timestamp column) compare as equal, keeping file order.
  order.sort((a, b) => S[a]! - S[b]! || P[a]! - P[b]! || T[a]! - T[b]! || 0);
  const out: PolisVoteColumns = {
    length: c.length,
    participant: new Int32Array(c.length),
    statement: new Int32Array(c.length),
    vote: new Int8Array(c.length),
    time: new Float64Array(c.length),
  };
  order.forEach((from, to) => {
    out.participant[to] = P[from]!;
    out.statement[to] = S[from]!;
    out.vote[to] = c.vote[from]!;
    out.time[to] = T[from]!;
  });
  return out;
}

function compare(ka: number, kb: number, a: string | number, b: string | number): number {
  if (ka === ka && kb === kb) return ka - kb;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
