// Child process: the server's math worker pool on independent conversations. The same --conversations
// cold jobs run through a pool of one worker thread, then of two; the ratio is what the second core buys.
import { WorkerPool } from '../../packages/server/src/math/workerPool.js';
import type { MathJobInput } from '../../packages/server/src/math/mathJob.js';
import { parseBenchArgs } from '../args.js';
import { emit } from '../child/emit.js';
import { generateConversation } from '../synthetic/generateConversation.js';

const args = parseBenchArgs(process.argv.slice(2));
const options = { seed: 0, strictModeration: false, mode: 'polis' as const, bridging: 'auto' as const, pcaRefitShare: 'auto' as const, ...args.coreOptions };

function job(conversationId: number, participants: number, comments: number, seed: number): MathJobInput {
  const c = generateConversation({ participants, comments, density: args.density, groups: args.groups, seed });
  return { conversationId, base: { state: null }, votes: { pid: c.participant, tid: c.statement, vote: c.vote, time: c.time }, moderation: [], privacyFloor: 5, options: options as MathJobInput['options'] };
}

// Jobs are built afresh for each pool: their typed arrays are transferred to the worker.
const jobs = () => Array.from({ length: args.conversations }, (_, i) => job(i + 1, args.participants, args.comments, args.seed + i));

async function timePool(size: number): Promise<{ wallMs: number; jobMs: number[] }> {
  const pool = new WorkerPool({ size, timeoutMs: args.timeout * 1000 });
  try {
    // Warm-up: every worker computes a small conversation first, so the timing excludes compiling.
    if (args.warmup) await Promise.all(Array.from({ length: size }, (_, i) => pool.run(1000 + i, 0, () => job(1000 + i, 1500, 60, 99 + i))));
    const prepared = jobs();
    const started = performance.now();
    const outputs = await Promise.all(prepared.map((j) => pool.run(j.conversationId, 0, () => j)));
    return { wallMs: performance.now() - started, jobMs: outputs.map((o) => o.durationMs) };
  } finally {
    await pool.close();
  }
}

const one = await timePool(1);
const two = await timePool(2);
emit({
  task: 'pool',
  conversations: args.conversations,
  votes_each: jobs()[0]!.votes.vote.length,
  total_ms: two.wallMs,
  one_worker_ms: one.wallMs,
  two_workers_ms: two.wallMs,
  speedup: one.wallMs / two.wallMs,
  job_ms_one_worker: one.jobMs,
  job_ms_two_workers: two.jobMs,
});
