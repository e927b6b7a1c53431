import type { KuuloResult, StatementId, Uncertainty } from '@kuulo/core';

/**
 * Least bootstrap stability (mean Jaccard of a group's best match) at which a group counts as
 * stable. Hennig (2007) calls clusters at 0.75 or above stable, 0.6–0.75 patterns with doubtful
 * membership and below 0.6 dissolved; core's docs quote the outer two bounds.
 */
export const defaultStabilityThreshold = 0.75;

/** How often a representative or consensus statement's test still passed across the resamples. */
export interface StatementSupport {
  support: number;
  robust: boolean;
}

/** A group's bootstrap stability and whether it falls below the chart's threshold. */
export interface GroupStability {
  stability: number;
  unstable: boolean;
}

/** Lookups into `result.uncertainty` that the charts share. */
export interface UncertaintyIndex {
  uncertainty: Uncertainty;
  stabilityThreshold: number;
  /** Membership confidence of the participant in row `i`, null when unknown or not in a group. */
  confidence(i: number): number | null;
  group(id: number): GroupStability | undefined;
  repness(group: number, statement: StatementId, side: 'agree' | 'disagree'): StatementSupport | undefined;
  consensus(side: 'agree' | 'disagree', statement: StatementId): StatementSupport | undefined;
}

/**
 * Indexes a result's bootstrap uncertainty (validated by `validateResult`), or null when the
 * result has none. Statement ids are compared as strings, as a JSON round trip may change them.
 */
export function uncertaintyIndex(result: KuuloResult, stabilityThreshold: number): UncertaintyIndex | null {
  const u = result.uncertainty;
  if (!u) return null;
  const groups = new Map(u.groups.map((g) => [g.id, { stability: g.stability, unstable: g.stability < stabilityThreshold }]));
  const repness = new Map(u.repness.map((e) => [`${e.group}|${e.repfulFor}|${String(e.statement)}`, { support: e.support, robust: e.robust }]));
  const consensus = new Map(u.consensus.map((e) => [`${e.side}|${String(e.statement)}`, { support: e.support, robust: e.robust }]));
  return {
    uncertainty: u,
    stabilityThreshold,
    confidence: (i) => (result.participantGroup[i] === null ? null : (u.membershipConfidence[i] ?? null)),
    group: (id) => groups.get(id),
    repness: (group, statement, side) => repness.get(`${group}|${side}|${String(statement)}`),
    consensus: (side, statement) => consensus.get(`${side}|${String(statement)}`),
  };
}
