/** Polis's `group-k-smoother` state. Not persisted by Polis (a restart resets it). */
export interface KSmoother {
  /** Best k of the last update. */
  lastK: number;
  /** Consecutive updates that `lastK` has been the best. */
  lastKCount: number;
  /** The k shown. */
  smoothedK: number;
}

export interface KChoice {
  /** The k with the highest silhouette this update (larger k on ties). */
  best: number;
  /** The k to show after smoothing. */
  chosen: number;
  smoother: KSmoother;
}

/**
 * Polis's choice of the number of groups (§9.3). The best k is the argmax of the silhouette, ties going
 * to the larger k; it replaces the shown k only once it has been the best `buffer` updates in a row (Polis
 * `group-k-buffer`, 4), except on the first update (no previous state), when it is taken at once. Includes
 * Polis's 2026 fix (#2536): a shown k that was not computed this update (out of 2…K) is replaced by the best.
 */
export function chooseK(silhouettes: ReadonlyMap<number, number>, previous: KSmoother | null, buffer: number): KChoice {
  if (!Number.isSafeInteger(buffer) || buffer < 1) throw new RangeError(`chooseK: buffer must be a positive integer, got ${buffer}`);
  let best = -1;
  let bestScore = -Infinity;
  for (const k of [...silhouettes.keys()].sort((a, b) => a - b)) {
    const score = silhouettes.get(k)!;
    if (!Number.isFinite(score)) throw new RangeError(`chooseK: silhouette of k = ${k} must be a finite number, got ${score}`);
    if (score >= bestScore) (best = k), (bestScore = score);
  }
  if (best < 0) throw new RangeError('chooseK: no silhouettes given');
  const lastKCount = previous !== null && previous.lastK === best ? previous.lastKCount + 1 : 1;
  let smoothedK = lastKCount >= buffer ? best : (previous?.smoothedK ?? best);
  if (!silhouettes.has(smoothedK)) smoothedK = best;
  return { best, chosen: smoothedK, smoother: { lastK: best, lastKCount, smoothedK } };
}
