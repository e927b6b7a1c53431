import type { BenchArgs } from '../args.js';
import { spawnChild, type ChildOutcome } from './spawnChild.js';
import { busyShare, waitForIdle } from './waitForIdle.js';

/** Run a task `args.runs` times, one process per run, one after another (parallel runs would share 2 cores). */
export async function runChildren(task: string, argv: string[], args: BenchArgs, label: string): Promise<ChildOutcome[]> {
  const outcomes: ChildOutcome[] = [];
  for (let run = 1; run <= args.runs; run++) {
    // Record how busy the machine was just before the run; with --idle-wait, first wait for quiet.
    const idle = args.idleWait > 0 ? await waitForIdle(args.idleWait) : { busy: await busyShare(500), waitedSeconds: 0 };
    const outcome = await spawnChild(task, argv, { heapMb: args.heapMb, timeoutSeconds: args.timeout, hugePages: args.hugePages });
    if (outcome.ok) outcome.result.busy_before = idle.busy === null ? null : Math.round(idle.busy * 100) / 100;
    const waited = idle.waitedSeconds > 0 ? `, waited ${idle.waitedSeconds} s for quiet` : '';
    const note = outcome.ok ? `${Math.round(Number(outcome.result.total_ms))} ms, ${outcome.result.peak_rss_mb} MB, machine ${Math.round((idle.busy ?? 0) * 100)} % busy before${waited}` : outcome.error;
    process.stderr.write(`[${label}] run ${run}/${args.runs}: ${note}\n`);
    outcomes.push(outcome);
    // A run that timed out or ran out of memory will do so again: do not spend the remaining runs on it.
    if (!outcome.ok) break;
  }
  return outcomes;
}
