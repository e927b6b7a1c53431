import type { BenchArgs } from '../args.js';
import { spawnChild, type ChildOutcome } from './spawnChild.js';

/** Run a task `args.runs` times, one process per run, one after another (parallel runs would share 2 cores). */
export async function runChildren(task: string, argv: string[], args: BenchArgs, label: string): Promise<ChildOutcome[]> {
  const outcomes: ChildOutcome[] = [];
  for (let run = 1; run <= args.runs; run++) {
    const outcome = await spawnChild(task, argv, { heapMb: args.heapMb, timeoutSeconds: args.timeout });
    const note = outcome.ok ? `${Math.round(Number(outcome.result.total_ms))} ms, ${outcome.result.peak_rss_mb} MB` : outcome.error;
    process.stderr.write(`[${label}] run ${run}/${args.runs}: ${note}\n`);
    outcomes.push(outcome);
    // A run that timed out or ran out of memory will do so again: do not spend the remaining runs on it.
    if (!outcome.ok) break;
  }
  return outcomes;
}
