import { clojureHashOrder } from '../clojure/hashOrder.js';
import type { ParticipantId } from '../types.js';

export interface InConvOptions {
  /** Votes needed: min(threshold, number of statements). */
  threshold: number;
  /** Top up to this many participants, most votes first. */
  minimum: number;
}

/**
 * Polis's clustered set (§5), updated in place: once in, always in. Everyone with at least
 * min(threshold, statements) votes joins; while fewer than `minimum` are in, the participants with
 * most votes are added, ties in Clojure hash-map order of their (integer) ids, else row order.
 */
export function updateInConv(
  inConv: Uint8Array,
  voteCounts: Int32Array,
  nCols: number,
  participantIds: readonly ParticipantId[],
  options: InConvOptions,
): void {
  const n = voteCounts.length;
  const threshold = Math.min(options.threshold, nCols);
  let size = 0;
  for (let r = 0; r < n; r++) {
    if (!inConv[r] && voteCounts[r]! >= threshold) inConv[r] = 1;
    size += inConv[r]!;
  }
  if (size >= options.minimum) return;
  let candidates: number[] = [];
  for (let r = 0; r < n; r++) if (!inConv[r]) candidates.push(r);
  // Polis iterates a hash map of pid → count; with more than 8 entries that is hash order.
  const integerIds = participantIds.every((id) => typeof id === 'number' && Number.isSafeInteger(id));
  if (n > 8 && integerIds) {
    const rowOf = new Map(candidates.map((r) => [participantIds[r] as number, r]));
    candidates = clojureHashOrder([...rowOf.keys()]).map((id) => rowOf.get(id)!);
  }
  candidates.sort((a, b) => voteCounts[b]! - voteCounts[a]!);
  for (const r of candidates.slice(0, options.minimum - size)) inConv[r] = 1;
}
