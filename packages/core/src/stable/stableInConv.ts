export interface StableInConvOptions {
  /** Votes needed: min(threshold, number of statements). */
  threshold: number;
  /** Top up to this many participants, most votes first. */
  minimum: number;
}

/**
 * The clustered participants as a function of the current votes alone: everyone with at least
 * min(threshold, statements) votes, topped up to `minimum` by vote count, ties in row (canonical) order.
 * Polis's set only ever grows and its top-up admits whoever led when it ran (§5), which depends on history.
 */
export function stableInConv(voteCounts: Int32Array, nCols: number, options: StableInConvOptions): Uint8Array {
  const n = voteCounts.length;
  const threshold = Math.min(options.threshold, nCols);
  const inConv = new Uint8Array(n);
  let size = 0;
  for (let r = 0; r < n; r++) if (voteCounts[r]! >= threshold) (inConv[r] = 1), size++;
  if (size >= options.minimum) return inConv;
  const candidates: number[] = [];
  for (let r = 0; r < n; r++) if (!inConv[r] && voteCounts[r]! > 0) candidates.push(r);
  candidates.sort((a, b) => voteCounts[b]! - voteCounts[a]! || a - b);
  for (const r of candidates.slice(0, options.minimum - size)) inConv[r] = 1;
  return inConv;
}
