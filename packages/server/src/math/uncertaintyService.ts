import { Worker } from 'node:worker_threads';
import type { Db } from '../db/db.js';
import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedConfig } from '../config.js';
import { apiError } from '../errors.js';
import type { EventBus } from '../events/eventBus.js';
import { getMathReference, getMathSummary, getMathTick } from '../repositories/math.js';
import { excludedPids } from '../repositories/participantExclusions.js';
import { moderationStates } from '../repositories/statements.js';
import { getUncertaintyJob, saveUncertainty, saveUncertaintyError, type FinishedJob } from '../repositories/uncertainty.js';
import { readVoteBatch } from './readVoteBatch.js';
import type { FromUncertaintyWorker, ToUncertaintyWorker, UncertaintyJobInput, UncertaintyJobOutput } from './uncertaintyJob.js';
import type { WorkerEntry } from './workerPool.js';

/** What a moderator asks for. */
export interface UncertaintyRequest {
  resamples: number;
  /** null: the result's own seed. */
  seed: number | null;
  unit: 'participants' | 'votes';
}

/** The state of a conversation's latest bootstrap job (GET /conversations/:id/uncertainty). */
export interface UncertaintyStatus {
  state: 'none' | 'queued' | 'running' | 'done' | 'failed';
  /** Math tick the latest job ran (or runs) on; null before any job. */
  tick: number | null;
  /** The math tick served now. */
  currentTick: number;
  /** GET math's result carries an uncertainty (computed on `currentTick`). */
  attached: boolean;
  /** The last stored uncertainty is for an older tick, so it is no longer attached. */
  stale: boolean;
  done: number;
  total: number;
  resamples: number | null;
  seed: number | null;
  unit: 'participants' | 'votes' | null;
  startedAt: number | null;
  finishedAt: number | null;
  durationMs: number | null;
  error: string | null;
}

interface Job extends UncertaintyRequest {
  id: number;
  conversationId: number;
  tick: number;
  state: 'queued' | 'running';
  done: number;
  startedAt: number | null;
  /** Stops the running worker (closing the server). */
  stop: ((reason: string) => void) | null;
  finished: Promise<void>;
  settle: () => void;
}

/**
 * Bootstrap uncertainty jobs: each runs core's `bootstrap` on a worker thread of its own (the math
 * pool and the request thread stay free), at most `jobs` at once and one per conversation. Progress
 * goes to the event bus; the answer is stored for the math tick it was computed on; a failure is
 * recorded and reported, never thrown at the server.
 */
export class UncertaintyService {
  readonly #jobs = new Map<number, Job>();
  readonly #queue: Job[] = [];
  #running = 0;
  #nextId = 1;
  #closed = false;

  constructor(
    private readonly db: Db,
    private readonly config: ResolvedConfig['uncertainty'],
    private readonly events: EventBus,
    private readonly log: FastifyBaseLogger,
    private readonly entry: () => WorkerEntry,
  ) {}

  /** Queues a job on the current math; 409 when one is already queued or running for the conversation. */
  async start(conversationId: number, slug: string, request: UncertaintyRequest): Promise<UncertaintyStatus> {
    const current = this.#jobs.get(conversationId);
    if (current) {
      throw apiError(
        'UNCERTAINTY_RUNNING',
        `an uncertainty job is already ${current.state} for conversation '${slug}' (math tick ${current.tick}, ${current.done} of ${current.resamples} resamples); wait for it to finish`,
      );
    }
    if (this.#closed) throw apiError('UNAVAILABLE', 'the server is shutting down');
    // computedAt is set with every stored result (failures alone leave it null): no need to read the result itself here.
    const summary = await getMathSummary(this.db, conversationId);
    if (!summary || summary.computedAt === null) throw apiError('MATH_NOT_READY', `conversation '${slug}' has no math yet to bootstrap`);
    const tick = summary.tick;
    let settle = () => {};
    const finished = new Promise<void>((resolve) => (settle = resolve));
    const job: Job = { ...request, id: this.#nextId++, conversationId, tick, state: 'queued', done: 0, startedAt: null, stop: null, finished, settle };
    this.#jobs.set(conversationId, job);
    this.#queue.push(job);
    this.#pump();
    return await this.status(conversationId);
  }

  async status(conversationId: number): Promise<UncertaintyStatus> {
    const currentTick = await getMathTick(this.db, conversationId);
    const row = await getUncertaintyJob(this.db, conversationId);
    const storedTick = row?.tick ?? null;
    const base = { currentTick, attached: storedTick !== null && storedTick === currentTick, stale: storedTick !== null && storedTick !== currentTick };
    const job = this.#jobs.get(conversationId);
    if (job) {
      const { state, tick, done, resamples, seed, unit, startedAt } = job;
      return { state, tick, ...base, done, total: resamples, resamples, seed, unit, startedAt, finishedAt: null, durationMs: null, error: null };
    }
    if (!row) return { state: 'none', tick: null, ...base, done: 0, total: 0, resamples: null, seed: null, unit: null, startedAt: null, finishedAt: null, durationMs: null, error: null };
    return {
      state: row.error === null ? 'done' : 'failed',
      tick: row.jobTick,
      ...base,
      done: row.progress,
      total: row.resamples,
      resamples: row.resamples,
      seed: row.seed,
      unit: row.unit,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      durationMs: row.durationMs,
      error: row.error,
    };
  }

  /** The running job's progress, for a new event stream to start from; null when none runs. */
  progress(conversationId: number): { tick: number; done: number; total: number } | null {
    const job = this.#jobs.get(conversationId);
    return job?.state === 'running' ? { tick: job.tick, done: job.done, total: job.resamples } : null;
  }

  /** Resolves when the conversation has no queued or running job. */
  async idle(conversationId: number): Promise<void> {
    await this.#jobs.get(conversationId)?.finished;
  }

  /** Drops queued jobs and stops running ones (each is recorded as failed), then waits for them. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) {
      this.#jobs.delete(job.conversationId);
      job.settle();
    }
    const running = [...this.#jobs.values()];
    for (const job of running) job.stop?.('the server stopped during the job');
    await Promise.all(running.map((job) => job.finished));
  }

  #pump(): void {
    while (!this.#closed && this.#running < this.config.jobs && this.#queue.length > 0) void this.#run(this.#queue.shift()!);
  }

  async #run(job: Job): Promise<void> {
    this.#running++;
    job.state = 'running';
    job.startedAt = Date.now();
    const { conversationId } = job;
    try {
      const reference = await getMathReference(this.db, conversationId);
      if (!reference) throw new Error('the math result is gone');
      // The job judges the math current when it starts, which may be newer than when it was queued.
      job.tick = reference.tick;
      this.events.publish(conversationId, { type: 'uncertainty-progress', tick: job.tick, done: 0, total: job.resamples });
      // The reference math left excluded participants out: the resamples must too.
      const votes = await readVoteBatch(this.db, conversationId, 0, reference.lastVoteId, await excludedPids(this.db, conversationId));
      const input: UncertaintyJobInput = {
        conversationId,
        tick: job.tick,
        reference: reference.result,
        votes,
        moderation: await moderationStates(this.db, conversationId),
        options: { resamples: job.resamples, seed: job.seed, unit: job.unit },
      };
      const output = await this.#inWorker(job, input);
      if (this.db.closed) return;
      await saveUncertainty(this.db, conversationId, this.#finished(job, output.seed), output.uncertainty);
      this.events.publish(conversationId, { type: 'uncertainty', tick: job.tick });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn({ conversationId, error: message }, 'uncertainty job failed');
      if (!this.db.closed) await saveUncertaintyError(this.db, conversationId, this.#finished(job, job.seed), message);
      this.events.publish(conversationId, { type: 'uncertainty-error', tick: job.tick, message });
    } finally {
      this.#running--;
      this.#jobs.delete(conversationId);
      job.settle();
      this.#pump();
    }
  }

  #finished(job: Job, seed: number | null): FinishedJob {
    const finishedAt = Date.now();
    const startedAt = job.startedAt ?? finishedAt;
    return { jobTick: job.tick, resamples: job.resamples, seed, unit: job.unit, progress: job.done, startedAt, finishedAt, durationMs: finishedAt - startedAt };
  }

  // One thread per job, ended when it answers, fails, times out or the server closes.
  #inWorker(job: Job, input: UncertaintyJobInput): Promise<UncertaintyJobOutput> {
    if (this.#closed) return Promise.reject(new Error('the server stopped during the job'));
    const entry = this.entry();
    const worker = new Worker(entry.script, { eval: entry.eval ?? false, execArgv: entry.execArgv });
    worker.unref();
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (settle: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        job.stop = null;
        void worker.terminate();
        settle();
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`uncertainty job timed out after ${this.config.timeoutMs} ms`))), this.config.timeoutMs);
      timer.unref();
      job.stop = (reason) => finish(() => reject(new Error(reason)));
      worker.on('message', (message: FromUncertaintyWorker) => {
        if (message.id !== job.id || settled) return;
        if (message.type === 'progress') {
          job.done = message.done;
          this.events.publish(job.conversationId, { type: 'uncertainty-progress', tick: job.tick, done: message.done, total: message.total });
        } else if (message.type === 'bootstrapped') {
          job.done = job.resamples;
          finish(() => resolve(message.output));
        } else finish(() => reject(new Error(message.message)));
      });
      worker.on('error', (error) => finish(() => reject(new Error(`uncertainty worker crashed: ${error.message}`))));
      worker.on('exit', (code) => finish(() => reject(new Error(`uncertainty worker exited with code ${code}`))));
      const { pid, tid, vote, time } = input.votes;
      worker.postMessage({ type: 'bootstrap', id: job.id, job: input } satisfies ToUncertaintyWorker, [pid.buffer, tid.buffer, vote.buffer, time.buffer] as ArrayBuffer[]);
    });
  }
}
