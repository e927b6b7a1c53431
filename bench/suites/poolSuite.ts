import { toArgv, type BenchArgs } from '../args.js';
import { runChildren } from '../child/runChildren.js';
import { aggregateRuns } from '../score/aggregateRuns.js';
import { median, round } from '../score/median.js';

/** `pool`: independent conversations through the server's math worker pool, one worker thread against two. */
export async function poolSuite(args: BenchArgs): Promise<Record<string, unknown>> {
  const outcomes = await runChildren('pool', toArgv(args), args, 'pool');
  const runs = aggregateRuns(outcomes);
  const ok = outcomes.flatMap((o) => (o.ok ? [o.result] : []));
  const oneMs = median(ok.map((r) => Number(r.one_worker_ms)));
  return {
    bench: 'pool',
    config: { participants: args.participants, comments: args.comments, density: args.density, groups: args.groups, seed: args.seed, runs: args.runs, conversations: args.conversations, warmup: args.warmup },
    votes_each: runs.first?.votes_each ?? null,
    median_ms: runs.median_ms,
    runs_ms: runs.runs_ms,
    one_worker_median_ms: Number.isFinite(oneMs) ? round(oneMs, 1) : null,
    speedup: Number.isFinite(oneMs) && runs.median_ms ? round(oneMs / runs.median_ms, 2) : null,
    speedups: ok.map((r) => round(Number(r.speedup), 2)),
    max_loadavg: runs.max_loadavg,
    max_busy_before: runs.max_busy_before,
    peak_rss_mb: runs.peak_rss_mb,
    errors: runs.errors,
  };
}
