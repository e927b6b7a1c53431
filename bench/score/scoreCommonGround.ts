export interface CommonGroundScore {
  /** Share of the planted common-ground statements among the |planted| highest group-aware consensus values. */
  topGacRecall: number;
  /** Share of the reported agree-consensus statements that are planted common ground. */
  consensusPrecision: number;
  /** Reported agree-consensus statements. */
  consensusCount: number;
}

/**
 * How well planted common ground is recovered: by group-aware consensus (one value per statement in
 * `statements` order) and by the agree side of overall consensus.
 */
export function scoreCommonGround(
  statements: ArrayLike<number | string>,
  groupAwareConsensus: ArrayLike<number>,
  consensusAgree: ArrayLike<number | string>,
  planted: ArrayLike<number>,
): CommonGroundScore {
  const isPlanted = new Set(Array.from(planted));
  const order = Array.from({ length: statements.length }, (_, j) => j).sort((x, y) => groupAwareConsensus[y]! - groupAwareConsensus[x]!);
  let hits = 0;
  for (const j of order.slice(0, isPlanted.size)) if (isPlanted.has(Number(statements[j]))) hits++;
  let precise = 0;
  for (let i = 0; i < consensusAgree.length; i++) if (isPlanted.has(Number(consensusAgree[i]))) precise++;
  return {
    topGacRecall: isPlanted.size === 0 ? Number.NaN : hits / isPlanted.size,
    consensusPrecision: consensusAgree.length === 0 ? Number.NaN : precise / consensusAgree.length,
    consensusCount: consensusAgree.length,
  };
}
