import type { StatementId, Uncertainty } from '../types.js';

/** Running counts of a bootstrap, filled in resample by resample. */
export interface BootstrapTally {
  /** Reference group index per participant (−1 for none). */
  referenceGroup: Int32Array;
  /** Resamples that contained each grouped participant, and those that put them in the matched group. */
  present: Int32Array;
  agreed: Int32Array;
  jaccardSum: Float64Array;
  jaccardCount: Int32Array;
  ari: number[];
  /** Number of groups → resamples. */
  k: Map<number, number>;
  repness: { groupIndex: number; group: number; statement: StatementId; repfulFor: 'agree' | 'disagree'; supported: number }[];
  consensus: { statement: StatementId; side: 'agree' | 'disagree'; supported: number }[];
  /** Bridging score per (resample, statement), NaN when missing; null when not collected. */
  bridging: Float64Array | null;
  nStatements: number;
}

export interface SummaryInfo {
  mode: 'polis' | 'stable';
  unit: 'participants' | 'votes';
  resamples: number;
  seed: number;
  robustThreshold: number;
  groupIds: number[];
}

/** The JSON-safe `Uncertainty` from a finished tally. */
export function summarizeBootstrap(tally: BootstrapTally, info: SummaryInfo): Uncertainty {
  const { resamples, robustThreshold } = info;
  const support = (supported: number) => supported / resamples;
  return {
    format: 'kuulo-uncertainty@1',
    mode: info.mode,
    unit: info.unit,
    resamples,
    seed: info.seed,
    robustThreshold,
    membershipConfidence: Array.from(tally.referenceGroup, (g, k) => (g < 0 || tally.present[k] === 0 ? null : tally.agreed[k]! / tally.present[k]!)),
    groups: info.groupIds.map((id, g) => ({ id, stability: tally.jaccardCount[g]! > 0 ? tally.jaccardSum[g]! / tally.jaccardCount[g]! : 0 })),
    k: Object.fromEntries([...tally.k].sort((a, b) => a[0] - b[0]).map(([k, count]) => [String(k), count / resamples])),
    ari: tally.ari,
    repness: tally.repness.map((e) => ({ group: e.group, statement: e.statement, repfulFor: e.repfulFor, support: support(e.supported), robust: support(e.supported) >= robustThreshold })),
    consensus: tally.consensus.map((e) => ({ statement: e.statement, side: e.side, support: support(e.supported), robust: support(e.supported) >= robustThreshold })),
    bridging: tally.bridging ? intervals(tally.bridging, resamples, tally.nStatements) : null,
  };
}

// 5th and 95th percentiles per statement (linear interpolation between order statistics).
function intervals(values: Float64Array, resamples: number, m: number): { low: (number | null)[]; high: (number | null)[] } {
  const low: (number | null)[] = [];
  const high: (number | null)[] = [];
  for (let c = 0; c < m; c++) {
    const column: number[] = [];
    for (let t = 0; t < resamples; t++) {
      const v = values[t * m + c]!;
      if (!Number.isNaN(v)) column.push(v);
    }
    column.sort((a, b) => a - b);
    low.push(quantile(column, 0.05));
    high.push(quantile(column, 0.95));
  }
  return { low, high };
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = q * (sorted.length - 1);
  const i = Math.floor(at);
  return i + 1 < sorted.length ? sorted[i]! + (at - i) * (sorted[i + 1]! - sorted[i]!) : sorted[i]!;
}
