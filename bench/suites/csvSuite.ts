import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchArgs } from '../args.js';
import { runChildren } from '../child/runChildren.js';
import { aggregateRuns } from '../score/aggregateRuns.js';
import { median, round } from '../score/median.js';
import { generateConversation } from '../synthetic/generateConversation.js';
import { writePolisExport } from '../synthetic/writePolisExport.js';

/** `csv`: votes.csv read throughput of core's streaming reader, plus loading the columns into a conversation. */
export async function csvSuite(args: BenchArgs): Promise<Record<string, unknown>> {
  let dir: string | null = null;
  let file = args.file;
  if (file === null) {
    dir = mkdtempSync(join(tmpdir(), 'kuulo-bench-csv-'));
    const started = performance.now();
    const conversation = generateConversation({ participants: args.participants, comments: args.comments, density: args.density, groups: args.groups, seed: args.seed });
    file = writePolisExport(conversation, dir).votes;
    process.stderr.write(`[csv] wrote ${conversation.vote.length} votes to ${file} in ${Math.round(performance.now() - started)} ms\n`);
  }
  try {
    const argv = ['--file', file, '--warmup', args.warmup ? '1' : '0'];
    const outcomes = await runChildren('csv', argv, args, 'csv');
    const result = aggregateRuns(outcomes);
    const first = result.first ?? {};
    const ok = outcomes.flatMap((o) => (o.ok ? [o.result] : []));
    const perSecond = (key: string): number | null => (ok.length > 0 ? Math.round(median(ok.map((r) => Number(r[key])))) : null);
    return {
      bench: 'csv',
      config: { file: args.file ?? 'generated', participants: args.participants, comments: args.comments, density: args.density, seed: args.seed, runs: args.runs },
      votes: first.votes ?? null,
      file_mb: typeof first.file_mb === 'number' ? round(first.file_mb, 1) : null,
      median_ms: result.median_ms,
      runs_ms: result.runs_ms,
    median_cpu_ms: result.median_cpu_ms,
    max_loadavg: result.max_loadavg,
    max_busy_before: result.max_busy_before,
      stages_ms: result.stages_ms,
      parse_votes_per_s: perSecond('parse_votes_per_s'),
      parse_mb_per_s: perSecond('parse_mb_per_s'),
      ingest_votes_per_s: perSecond('ingest_votes_per_s'),
      peak_rss_mb: result.peak_rss_mb,
      errors: result.errors,
    };
  } finally {
    if (dir !== null && !args.keep) rmSync(dir, { recursive: true, force: true });
  }
}
