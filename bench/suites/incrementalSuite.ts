import { toArgv, type BenchArgs } from '../args.js';
import { runChildren } from '../child/runChildren.js';
import { aggregateRuns, groupingFields } from '../score/aggregateRuns.js';
import { median, round } from '../score/median.js';

/** `incremental`: consecutive warm updates, each after a batch of new votes, against the cold update before them. */
export async function incrementalSuite(args: BenchArgs): Promise<Record<string, unknown>> {
  const outcomes = await runChildren('incremental', toArgv(args), args, 'incremental');
  const warm = aggregateRuns(outcomes);
  const first = warm.first ?? {};
  const coldMs = median(outcomes.flatMap((o) => (o.ok ? [Number(o.result.cold_total_ms)] : [])));
  return {
    bench: 'incremental',
    config: { participants: args.participants, comments: args.comments, density: args.density, groups: args.groups, seed: args.seed, runs: args.runs, batch: args.batch, updates: args.updates, warmup: args.warmup },
    votes: first.votes ?? null,
    batch: first.batch ?? null,
    updates: first.updates ?? null,
    warm_updates_ms: first.warm_updates_ms ?? null,
    warm_iterations: first.warm_iterations ?? null,
    summary: first.summary ?? null,
    core_options: first.options ?? null,
    median_ms: warm.median_ms,
    runs_ms: warm.runs_ms,
    median_cpu_ms: warm.median_cpu_ms,
    max_loadavg: warm.max_loadavg,
    max_busy_before: warm.max_busy_before,
    stages_ms: warm.stages_ms,
    iterations: first.iterations ?? null,
    cold_median_ms: Number.isFinite(coldMs) ? round(coldMs, 1) : null,
    cold_iterations: first.cold_iterations ?? null,
    warm_speedup: Number.isFinite(coldMs) && warm.median_ms ? round(coldMs / warm.median_ms, 2) : null,
    peak_rss_mb: warm.peak_rss_mb,
    ari_planted: warm.ari,
    grouped_share: typeof first.coverage === 'number' ? round(first.coverage, 4) : null,
    ...groupingFields(first),
    errors: warm.errors,
  };
}
