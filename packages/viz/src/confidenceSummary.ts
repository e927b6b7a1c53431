import type { KuuloResult } from '@kuulo/core';
import { checkShare } from './checkOption';

/** Options of `confidenceSummary`; each field states its default. */
export interface ConfidenceSummaryOptions {
  /** A participant counts as confident at this membership confidence or above. Default 0.9. */
  confidentAt?: number;
}

/** Membership confidence counts over a result's grouped participants, overall and per group. */
export interface ConfidenceSummary {
  confidentAt: number;
  /** Participants in groups whose confidence is known (they were in at least one resample). */
  measured: number;
  /** Of those, the ones at `confidentAt` or above. */
  confident: number;
  /** The same counts and the median confidence per group, in `result.groups` order. */
  groups: { id: number; measured: number; confident: number; median: number | null }[];
}

/**
 * How sure a result's bootstrap is of its participants' groups: how many grouped participants
 * kept their group in at least `confidentAt` of the resamples, overall and per group. Null when
 * the result carries no `uncertainty`. Plain JSON-safe data, for captions, tables and reports.
 */
export function confidenceSummary(result: KuuloResult, options: ConfidenceSummaryOptions = {}): ConfidenceSummary | null {
  const confidentAt = checkShare('confidenceSummary', 'confidentAt', options.confidentAt ?? 0.9);
  const u = result.uncertainty;
  if (!u) return null;
  const values = new Map<number, number[]>(result.groups.map((g) => [g.id, []]));
  result.participantGroup.forEach((gid, i) => {
    const c = u.membershipConfidence[i];
    if (gid !== null && c !== null && c !== undefined) values.get(gid)?.push(c);
  });
  const groups = result.groups.map((g) => {
    const list = [...values.get(g.id)!].sort((a, b) => a - b);
    const mid = list.length / 2;
    const median = list.length === 0 ? null : list.length % 2 ? list[Math.floor(mid)]! : (list[mid - 1]! + list[mid]!) / 2;
    return { id: g.id, measured: list.length, confident: list.filter((c) => c >= confidentAt).length, median };
  });
  return {
    confidentAt,
    measured: groups.reduce((n, g) => n + g.measured, 0),
    confident: groups.reduce((n, g) => n + g.confident, 0),
    groups,
  };
}
