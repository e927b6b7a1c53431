import type { ChildOutcome } from '../child/spawnChild.js';
import { median, round } from './median.js';

export interface Aggregate {
  /** Median of the runs' `total_ms`; null when every run failed. */
  median_ms: number | null;
  runs_ms: number[];
  /** Median CPU time (user + system, all threads) of the timed work; less sensitive to other load than wall time. */
  median_cpu_ms: number | null;
  /** Highest 1-minute load average seen at the end of a run (2 cores: above ~1.5 means competing work). */
  max_loadavg: number | null;
  /** Highest share of all cores busy with other work just before a run (0..1). */
  max_busy_before: number | null;
  /** Median per stage over the runs. */
  stages_ms: Record<string, number>;
  /** Largest peak RSS of any run (each run is its own process). */
  peak_rss_mb: number | null;
  /** Median ARI over the runs (runs share a seed, so they normally agree exactly). */
  ari: number | null;
  /** The first successful run's result, for fields that do not vary between runs. */
  first: Record<string, unknown> | null;
  errors: string[];
}

/** Medians over the successful child runs; failed runs are listed in `errors`, not hidden. */
export function aggregateRuns(outcomes: ChildOutcome[]): Aggregate {
  const ok = outcomes.flatMap((o) => (o.ok ? [o.result] : []));
  const errors = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
  const totals = ok.map((r) => Number(r.total_ms));
  const stageNames = new Set(ok.flatMap((r) => Object.keys((r.stages_ms as Record<string, number>) ?? {})));
  const stages: Record<string, number> = {};
  for (const name of stageNames) stages[name] = round(median(ok.map((r) => Number((r.stages_ms as Record<string, number>)[name]))), 1);
  const aris = ok.map((r) => r.ari).filter((a): a is number => typeof a === 'number');
  return {
    median_ms: ok.length > 0 ? round(median(totals), 1) : null,
    runs_ms: totals.map((t) => round(t, 1)),
    median_cpu_ms: ok.length > 0 ? round(median(ok.map((r) => Number(r.cpu_ms))), 1) : null,
    max_loadavg: ok.length > 0 ? Math.max(...ok.map((r) => Number(r.loadavg_1m))) : null,
    max_busy_before: ok.some((r) => typeof r.busy_before === 'number') ? Math.max(...ok.map((r) => Number(r.busy_before ?? 0))) : null,
    stages_ms: stages,
    peak_rss_mb: ok.length > 0 ? Math.max(...ok.map((r) => Number(r.peak_rss_mb))) : null,
    ari: aris.length > 0 ? round(median(aris), 4) : null,
    first: ok[0] ?? null,
    errors,
  };
}

/** The timing fields every bench reports for a set of runs, in one place. */
export function timingFields(runs: Aggregate): Record<string, unknown> {
  return {
    median_ms: runs.median_ms,
    runs_ms: runs.runs_ms,
    median_cpu_ms: runs.median_cpu_ms,
    max_loadavg: runs.max_loadavg,
    max_busy_before: runs.max_busy_before,
    stages_ms: runs.stages_ms,
    iterations: runs.first?.iterations ?? null,
    peak_rss_mb: runs.peak_rss_mb,
  };
}

/**
 * Where the ARI's error comes from, from one run (runs share a seed, so their partitions agree): k
 * found against the reference k, the ARI per votes-per-participant bucket, the confusion matrix, and
 * the oracle's ARI on the same participants (synthetic input only).
 */
export function groupingFields(first: Record<string, unknown>): Record<string, unknown> {
  return {
    ari_oracle: typeof first.ari_oracle === 'number' ? round(first.ari_oracle, 4) : null,
    k: first.k ?? null,
    ari_by_votes: first.ari_by_votes ?? null,
    confusion: first.confusion ?? null,
  };
}
