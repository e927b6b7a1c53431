import type { PolisVoteColumns, Vote } from '@kuulo/core';
import { concatColumns } from './concatColumns.js';

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

/**
 * Columns permuted into Polis's reload order (stable). Typed arrays throughout: a file already in that
 * order (Polis exports usually are) is returned as is; otherwise two stable counting sorts (participant,
 * then statement) and re-votes by time (a comparison sort of 40 M boxed indices took ~19 s).
 */
export function reloadOrderColumns(c: PolisVoteColumns): PolisVoteColumns {
  const { participant: P, statement: S, time: T } = c;
  const n = c.length;
  // NaN times (no timestamp column) compare as equal, keeping file order.
  const before = (a: number, b: number) => S[a]! - S[b]! || P[a]! - P[b]! || T[a]! - T[b]! || a - b;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = before(i - 1, i) < 0;
  if (sorted) return c;
  const byParticipant = countingOrder(P, n, null);
  const order = byParticipant && countingOrder(S, n, byParticipant);
  if (order) {
    // Votes of one participant on one statement (re-votes) are adjacent now: order them by time.
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && S[order[j]!] === S[order[i]!] && P[order[j]!] === P[order[i]!]) j++;
      // Runs are short: insertion sort in place (a subarray sort per run costs far more).
      for (let a = i + 1; a < j; a++) {
        const v = order[a]!;
        let b = a - 1;
        for (; b >= i && before(order[b]!, v) > 0; b--) order[b + 1] = order[b]!;
        order[b + 1] = v;
      }
      i = j;
    }
  }
  const final = order ?? Uint32Array.from({ length: n }, (_, i) => i).sort(before);
  const out: PolisVoteColumns = {
    length: n,
    participant: new Int32Array(n),
    statement: new Int32Array(n),
    vote: new Int8Array(n),
    time: new Float64Array(n),
  };
  for (let to = 0; to < n; to++) {
    const from = final[to]!;
    out.participant[to] = P[from]!;
    out.statement[to] = S[from]!;
    out.vote[to] = c.vote[from]!;
    out.time[to] = T[from]!;
  }
  return out;
}

/**
 * The row and column order Polis's reload order gives, without sorting the votes: statements ascending,
 * participants by the first statement they voted on, then id. Feeding the votes in file order after
 * `Conversation.reserveIds` with these gives the same matrix as feeding `reloadOrderColumns`, because
 * the latest vote of a cell does not depend on arrival order when either every vote or no vote has a
 * time. Null when times are mixed (then arrival order matters: sort the votes instead).
 */
export function reloadOrderIds(columns: PolisVoteColumns | readonly PolisVoteColumns[]): { participants: number[]; statements: number[] } | null {
  const parts = Array.isArray(columns) ? (columns as readonly PolisVoteColumns[]) : [columns as PolisVoteColumns];
  // Each part's summary: computed by the thread that parsed it (`reloadPartials`) or here.
  const partials = parts.map((part) => reloadPartials.get(part) ?? reloadPartial(part));
  let n = 0;
  let timed = 0;
  let minP = Infinity;
  let maxP = -Infinity;
  let minS = Infinity;
  let maxS = -Infinity;
  for (const p of partials) {
    n += p.n;
    timed += p.timed;
    if (p.n === 0) continue;
    minP = Math.min(minP, p.minP);
    maxP = Math.max(maxP, p.maxP);
    minS = Math.min(minS, p.minS);
    maxS = Math.max(maxS, p.maxS);
  }
  if (timed !== 0 && timed !== n) return null;
  if (n === 0) return { participants: [], statements: [] };
  if (partials.some((p) => p.n > 0 && p.first === null) || maxP - minP > 4 * n + 1024 || maxS - minS > 4 * n + 1024) {
    const c = parts.slice(1).reduce(concatColumns, parts[0]!);
    const first = smallestPerKey(c.participant, c.statement, n);
    const participants = [...first.keys()].sort((a, b) => first.get(a)! - first.get(b)! || a - b);
    return { participants, statements: [...smallestPerKey(c.statement, c.statement, n).keys()].sort((a, b) => a - b) };
  }
  // first[p] = 1 + (smallest statement − minS); 0 = not seen. Merged from the parts' own tables.
  const first = new Int32Array(maxP - minP + 1);
  const seenS = new Uint8Array(maxS - minS + 1);
  for (const p of partials) {
    if (p.n === 0) continue;
    const pf = p.first!;
    const ps = p.seenS!;
    for (let k = 0; k < pf.length; k++) {
      if (pf[k] === 0) continue;
      const st = pf[k]! + p.minS - minS;
      const at = k + p.minP - minP;
      if (first[at] === 0 || st < first[at]!) first[at] = st;
    }
    for (let k = 0; k < ps.length; k++) if (ps[k]) seenS[k + p.minS - minS] = 1;
  }
  const participants: number[] = [];
  for (let p = 0; p < first.length; p++) if (first[p] !== 0) participants.push(p + minP);
  // Ids ascending already: a stable sort by first statement keeps id order among equals.
  participants.sort((a, b) => first[a - minP]! - first[b - minP]!);
  const statements: number[] = [];
  for (let k = 0; k < seenS.length; k++) if (seenS[k]) statements.push(k + minS);
  return { participants, statements };
}

/**
 * What `reloadOrderIds` needs of one part of a votes file: its vote and timed counts, id ranges, each
 * participant's smallest statement (`first[p − minP]` = 1 + statement − minS, 0 = none) and the
 * statements seen; `first` and `seenS` are null when the ids span too wide a range for tables.
 */
export interface ReloadPartial {
  n: number;
  timed: number;
  minP: number;
  maxP: number;
  minS: number;
  maxS: number;
  first: Int32Array | null;
  seenS: Uint8Array | null;
}

/** Partials computed by the thread that parsed each part (so both threads share the work), by part. */
export const reloadPartials = new WeakMap<PolisVoteColumns, ReloadPartial>();

/** One part's `ReloadPartial`: a pass for the ranges and the timed count, one for the tables. */
export function reloadPartial(part: PolisVoteColumns): ReloadPartial {
  const { participant: P, statement: S, time: T, length: n } = part;
  let timed = 0;
  let minP = Infinity;
  let maxP = -Infinity;
  let minS = Infinity;
  let maxS = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = P[i]!;
    const st = S[i]!;
    if (p < minP) minP = p;
    if (p > maxP) maxP = p;
    if (st < minS) minS = st;
    if (st > maxS) maxS = st;
    if (T[i] === T[i]) timed++;
  }
  if (n === 0 || maxP - minP > 4 * n + 1024 || maxS - minS > 4 * n + 1024) return { n, timed, minP, maxP, minS, maxS, first: null, seenS: null };
  const first = new Int32Array(maxP - minP + 1);
  const seenS = new Uint8Array(maxS - minS + 1);
  for (let i = 0; i < n; i++) {
    const p = P[i]! - minP;
    const st = S[i]! - minS + 1;
    const f = first[p]!;
    if (f === 0 || st < f) first[p] = st;
    seenS[st - 1] = 1;
  }
  return { n, timed, minP, maxP, minS, maxS, first, seenS };
}

function compare(ka: number, kb: number, a: string | number, b: string | number): number {
  if (ka === ka && kb === kb) return ka - kb;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

// Stable counting sort of `within` (or 0..n−1) by `key`; null when the keys span too wide a range.
function countingOrder(key: Int32Array, n: number, within: Uint32Array | null): Uint32Array | null {
  const [min, max] = keyRange(key, n);
  if (max - min > 4 * n + 1024) return null;
  const next = new Uint32Array(max - min + 2);
  for (let i = 0; i < n; i++) next[key[i]! - min + 1]!++;
  for (let k = 1; k < next.length; k++) next[k]! += next[k - 1]!;
  const out = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const i = within ? within[j]! : j;
    out[next[key[i]! - min]!++] = i;
  }
  return out;
}

// The smallest `value` per distinct `key`, in typed arrays when the keys span a small range (the usual case).
function smallestPerKey(key: Int32Array, value: Int32Array, n: number): Map<number, number> {
  const [min, max] = keyRange(key, n);
  const out = new Map<number, number>();
  if (max - min <= 4 * n + 1024) {
    const best = new Int32Array(max - min + 1);
    const seen = new Uint8Array(max - min + 1);
    for (let i = 0; i < n; i++) {
      const k = key[i]! - min;
      if (!seen[k] || value[i]! < best[k]!) (best[k] = value[i]!), (seen[k] = 1);
    }
    for (let k = 0; k < seen.length; k++) if (seen[k]) out.set(k + min, best[k]!);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const seen = out.get(key[i]!);
    if (seen === undefined || value[i]! < seen) out.set(key[i]!, value[i]!);
  }
  return out;
}

// Smallest and largest of the first n keys ([0, −1] when n = 0).
function keyRange(key: Int32Array, n: number): [number, number] {
  let min = 0;
  let max = -1;
  for (let i = 0; i < n; i++) {
    const k = key[i]!;
    if (i === 0 || k < min) min = k;
    if (i === 0 || k > max) max = k;
  }
  return [min, max];
}
