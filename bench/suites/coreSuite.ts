import { toArgv, type BenchArgs } from '../args.js';
import { runChildren } from '../child/runChildren.js';
import { aggregateRuns, groupingFields, timingFields } from '../score/aggregateRuns.js';
import { round } from '../score/median.js';
import { baselineEntry } from './baselineEntry.js';

/** `core`: the cold pipeline on a synthetic conversation, against the dense baseline. */
export async function coreSuite(args: BenchArgs): Promise<Record<string, unknown>> {
  const argv = toArgv(args);
  const core = aggregateRuns(await runChildren('core', argv, args, 'core'));
  const cells = args.participants * args.comments;
  const baseline = await baselineEntry(args, argv, cells, 'baseline');
  const first = core.first ?? {};
  return {
    bench: 'core',
    config: { participants: args.participants, comments: args.comments, density: args.density, groups: args.groups, seed: args.seed, runs: args.runs, warmup: args.warmup },
    votes: first.votes ?? null,
    realized_density: typeof first.votes === 'number' ? round(first.votes / cells, 4) : null,
    summary: first.summary ?? null,
    core_options: first.options ?? null,
    ...timingFields(core),
    input_mb: typeof first.input_mb === 'number' ? round(first.input_mb, 1) : null,
    rss_after_input_mb: first.rss_after_input_mb ?? null,
    ari_planted: core.ari,
    grouped_share: typeof first.coverage === 'number' ? round(first.coverage, 4) : null,
    ...groupingFields(first),
    common_ground: first.common_ground ?? null,
    baseline: baseline.entry,
    baseline_ratio: baseline.medianMs !== null && core.median_ms ? round(baseline.medianMs / core.median_ms, 2) : null,
    baseline_cpu_ratio: baseline.medianCpuMs !== null && core.median_cpu_ms ? round(baseline.medianCpuMs / core.median_cpu_ms, 2) : null,
    errors: core.errors,
  };
}
