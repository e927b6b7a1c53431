import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { settingsArgv, type BenchArgs } from '../args.js';
import { runChildren } from '../child/runChildren.js';
import { aggregateRuns, groupingFields, timingFields } from '../score/aggregateRuns.js';
import { median, round } from '../score/median.js';
import { baselineEntry } from './baselineEntry.js';

const openData = fileURLToPath(new URL('../../packages/core/test/fixtures/open-data', import.meta.url));

/**
 * `real`: every open-data conversation plus each --data folder, scored against Polis's group-id:
 * the cold pipeline, core's Polis-style replay, and the dense baseline.
 */
export async function realSuite(args: BenchArgs): Promise<Record<string, unknown>> {
  const dirs = [
    ...readdirSync(openData, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${openData}/${d.name}`).sort(),
    ...args.data,
  ];
  const conversations: Record<string, unknown>[] = [];
  let coreOptions: unknown = null;
  for (const dir of dirs) {
    const argv = ['--data', dir, '--warmup', args.warmup ? '1' : '0', '--seed', String(args.seed), ...settingsArgv(args)];
    const name = dir.split('/').pop() ?? dir;
    const core = aggregateRuns(await runChildren('core', argv, args, `real ${name}`));
    const first = core.first ?? {};
    coreOptions ??= first.options ?? null;
    const summary = (first.summary ?? {}) as { participants?: number; statements?: number };
    const cells = (summary.participants ?? 0) * (summary.statements ?? 0);
    const baseline = await baselineEntry(args, argv, cells, `real ${name} baseline`);
    const replayed = args.noReplay ? null : aggregateRuns(await runChildren('core', [...argv, '--replay'], args, `real ${name} replay`));
    conversations.push({
      name,
      votes: first.votes ?? null,
      summary: first.summary ?? null,
      ...timingFields(core),
      ari_polis: core.ari,
      ari_reference: first.ari_reference ?? null,
      compared: first.compared ?? null,
      ...groupingFields(first),
      replay: replayed === null
        ? 'skipped (--no-replay)'
        : {
            median_ms: replayed.median_ms,
            runs_ms: replayed.runs_ms,
            median_cpu_ms: replayed.median_cpu_ms,
            ticks: (replayed.first?.iterations as { ticks?: number } | undefined)?.ticks ?? null,
            peak_rss_mb: replayed.peak_rss_mb,
            ari_polis: replayed.ari,
            k: replayed.first?.k ?? null,
            ari_by_votes: replayed.first?.ari_by_votes ?? null,
            errors: replayed.errors,
          },
      baseline: baseline.entry,
      baseline_ratio: baseline.medianMs !== null && core.median_ms ? round(baseline.medianMs / core.median_ms, 2) : null,
      baseline_cpu_ratio: baseline.medianCpuMs !== null && core.median_cpu_ms ? round(baseline.medianCpuMs / core.median_cpu_ms, 2) : null,
      errors: core.errors,
    });
  }
  const medians = conversations.map((c) => c.median_ms).filter((m): m is number => typeof m === 'number');
  const aris = conversations.map((c) => c.ari_polis).filter((a): a is number => typeof a === 'number');
  const replayAris = conversations.map((c) => (c.replay as { ari_polis?: unknown }).ari_polis).filter((a): a is number => typeof a === 'number');
  const rss = conversations.map((c) => c.peak_rss_mb).filter((r): r is number => typeof r === 'number');
  return {
    bench: 'real',
    config: { runs: args.runs, seed: args.seed, warmup: args.warmup, data: dirs },
    core_options: coreOptions,
    conversations,
    median_ms: medians.length === conversations.length ? round(medians.reduce((a, b) => a + b, 0), 1) : null,
    median_ms_note: 'sum over conversations of each one’s median cold pipeline time',
    ari_polis_median: aris.length > 0 ? round(median(aris), 4) : null,
    replay_ari_polis_median: replayAris.length > 0 ? round(median(replayAris), 4) : null,
    peak_rss_mb: rss.length > 0 ? Math.max(...rss) : null,
  };
}
