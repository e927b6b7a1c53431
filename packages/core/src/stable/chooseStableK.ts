/** Stable mode's choice of the number of groups. */
export interface StableKChoice {
  /** The k with the highest silhouette (smaller k on exact ties). */
  best: number;
  /** The smallest k whose silhouette is within `tieBand` of the best's. */
  chosen: number;
}

/**
 * Picks k from silhouettes per k: the smallest k within `tieBand` of the best silhouette. Silhouettes of
 * neighbouring k often differ by less than resampling noise (Polis fixtures: 0.331 vs 0.337), so a plain
 * argmax flips k between nearly identical vote sets; the band makes the choice stable and prefers the
 * simpler answer. No smoother over updates: the choice depends on the current votes only.
 */
export function chooseStableK(silhouettes: ReadonlyMap<number, number>, tieBand: number): StableKChoice {
  if (!(tieBand >= 0)) throw new RangeError(`chooseStableK: tieBand must be ≥ 0, got ${tieBand}`);
  const ks = [...silhouettes.keys()].sort((a, b) => a - b);
  if (ks.length === 0) throw new RangeError('chooseStableK: no silhouettes given');
  let best = ks[0]!;
  for (const k of ks) {
    const score = silhouettes.get(k)!;
    if (!Number.isFinite(score)) throw new RangeError(`chooseStableK: silhouette of k = ${k} must be a finite number, got ${score}`);
    if (score > silhouettes.get(best)!) best = k;
  }
  const floor = silhouettes.get(best)! - tieBand;
  const chosen = ks.find((k) => silhouettes.get(k)! >= floor)!;
  return { best, chosen };
}
