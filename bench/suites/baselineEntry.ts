import type { BenchArgs } from '../args.js';
import { runChildren } from '../child/runChildren.js';
import { aggregateRuns } from '../score/aggregateRuns.js';
import { round } from '../score/median.js';

/** Run the dense baseline when the matrix is small enough, else say why it was skipped. */
export async function baselineEntry(args: BenchArgs, argv: string[], cells: number, label: string): Promise<{ entry: Record<string, unknown> | string; medianMs: number | null; medianCpuMs: number | null }> {
  if (args.noBaseline) return { entry: 'skipped (--no-baseline)', medianMs: null, medianCpuMs: null };
  if (cells > args.baselineCells) return { entry: `skipped (${cells} cells > --baseline-cells ${args.baselineCells})`, medianMs: null, medianCpuMs: null };
  const result = aggregateRuns(await runChildren('baseline', argv, args, label));
  const first = result.first ?? {};
  return {
    entry: {
      median_ms: result.median_ms,
      runs_ms: result.runs_ms,
      median_cpu_ms: result.median_cpu_ms,
      max_loadavg: result.max_loadavg,
      max_busy_before: result.max_busy_before,
      stages_ms: result.stages_ms,
      iterations: first.iterations ?? null,
      peak_rss_mb: result.peak_rss_mb,
      ari: result.ari,
      ari_active: typeof first.ari_active === 'number' ? round(first.ari_active, 4) : null,
      k: first.k ?? null,
      errors: result.errors,
    },
    medianMs: result.median_ms,
    medianCpuMs: result.median_cpu_ms,
  };
}
