import { Worker } from 'node:worker_threads';
import { workerEntry, type WorkerEntry } from '../workerEntry.js';
import type { FromWorker, MathJobInput, MathJobOutput, ToWorker } from './mathJob.js';

export type { WorkerEntry };

/** The math worker beside this module (`worker.ts` from source, the built `worker.js` next to a bundle). */
export function defaultWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  return workerEntry(moduleUrl, 'worker', ['./worker.js', './math/worker.js'], 'math worker');
}

export interface WorkerPoolOptions {
  /** Worker threads. */
  size: number;
  /** A job running longer is abandoned: its worker is terminated and replaced. */
  timeoutMs: number;
  /** Conversations each worker keeps warm. Default 32. */
  cachePerWorker?: number;
  entry?: WorkerEntry;
}

interface Slot {
  worker: Worker;
  busy: { id: number; conversationId: number; resolve: (o: MathJobOutput) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null;
  /** Conversations this worker holds in memory, by the persisted tick they correspond to (LRU order). */
  cached: Map<number, number>;
}

interface Queued {
  conversationId: number;
  tick: number;
  build: (base: 'cached' | 'state') => MathJobInput | Promise<MathJobInput>;
  resolve: (o: MathJobOutput) => void;
  reject: (e: Error) => void;
}

/**
 * A fixed pool of math worker threads. A job goes to the worker that already holds the
 * conversation at the right tick when it is free (only new votes cross threads), else to any free
 * worker with the persisted state. A crash or timeout fails that job only; the worker is replaced.
 */
export class WorkerPool {
  readonly #options: Required<WorkerPoolOptions>;
  readonly #slots: Slot[] = [];
  readonly #queue: Queued[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.#options = { cachePerWorker: 32, entry: options.entry ?? defaultWorkerEntry(), ...options } as Required<WorkerPoolOptions>;
    for (let i = 0; i < options.size; i++) this.#slots.push(this.#spawn());
  }

  /**
   * Runs a job for `conversationId` whose persisted state is at `tick`. `build('cached')` must
   * return a job with only the votes after that tick; `build('state')` one with the state and all votes.
   */
  run(conversationId: number, tick: number, build: Queued['build']): Promise<MathJobOutput> {
    if (this.#closed) return Promise.reject(new Error('math worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ conversationId, tick, build, resolve, reject });
      this.#dispatch();
    });
  }

  /** Worker threads alive (for tests of crash recovery). */
  get size(): number {
    return this.#slots.length;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const q of this.#queue.splice(0)) q.reject(new Error('math worker pool closed'));
    await Promise.all(
      this.#slots.map(async (slot) => {
        if (slot.busy) {
          clearTimeout(slot.busy.timer);
          slot.busy.reject(new Error('math worker pool closed'));
          slot.busy = null;
        }
        await slot.worker.terminate();
      }),
    );
  }

  #spawn(): Slot {
    const { entry } = this.#options;
    const worker = new Worker(entry.script, { eval: entry.eval ?? false, execArgv: entry.execArgv });
    worker.unref();
    const slot: Slot = { worker, busy: null, cached: new Map() };
    worker.on('message', (message: FromWorker) => this.#finish(slot, message));
    worker.on('error', (error) => this.#replace(slot, `math worker crashed: ${error.message}`));
    worker.on('exit', (code) => this.#replace(slot, `math worker exited with code ${code}`));
    return slot;
  }

  #finish(slot: Slot, message: FromWorker): void {
    const busy = slot.busy;
    if (!busy || busy.id !== message.id) return;
    clearTimeout(busy.timer);
    slot.busy = null;
    if (message.type === 'done') busy.resolve(message.output);
    else {
      slot.cached.delete(busy.conversationId);
      busy.reject(new Error(message.message));
    }
    this.#dispatch();
  }

  // A dead or hung worker: fail its job, start a fresh thread in its place.
  #replace(slot: Slot, reason: string): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    if (slot.busy) {
      clearTimeout(slot.busy.timer);
      slot.busy.reject(new Error(reason));
      slot.busy = null;
    }
    void slot.worker.terminate();
    if (this.#closed) return;
    this.#slots.push(this.#spawn());
    this.#dispatch();
  }

  #dispatch(): void {
    for (let qi = 0; qi < this.#queue.length; ) {
      const queued = this.#queue[qi]!;
      // Never two jobs of one conversation at once: the second must start from the first's result.
      if (this.#slots.some((s) => s.busy?.conversationId === queued.conversationId)) {
        qi++;
        continue;
      }
      const free = this.#slots.filter((s) => !s.busy);
      if (free.length === 0) return;
      const warm = free.find((s) => s.cached.get(queued.conversationId) === queued.tick);
      const slot = warm ?? free.sort((a, b) => a.cached.size - b.cached.size)[0]!;
      this.#queue.splice(qi, 1);
      void this.#start(slot, queued, warm !== undefined);
    }
  }

  async #start(slot: Slot, queued: Queued, warm: boolean): Promise<void> {
    const id = this.#nextId++;
    const timer = setTimeout(() => this.#replace(slot, `math timed out after ${this.#options.timeoutMs} ms`), this.#options.timeoutMs);
    timer.unref();
    slot.busy = {
      id,
      conversationId: queued.conversationId,
      resolve: (output) => {
        this.#remember(slot, queued.conversationId);
        queued.resolve(output);
      },
      reject: queued.reject,
      timer,
    };
    // Other workers' copies of this conversation go stale with this job.
    for (const other of this.#slots) {
      if (other !== slot && other.cached.delete(queued.conversationId)) {
        other.worker.postMessage({ type: 'evict', conversationId: queued.conversationId } satisfies ToWorker);
      }
    }
    slot.cached.delete(queued.conversationId);
    try {
      const job = await queued.build(warm ? 'cached' : 'state');
      if (slot.busy?.id !== id) return;
      const { pid, tid, vote, time } = job.votes;
      slot.worker.postMessage({ type: 'run', id, job } satisfies ToWorker, [pid.buffer, tid.buffer, vote.buffer, time.buffer] as ArrayBuffer[]);
    } catch (error) {
      if (slot.busy?.id !== id) return;
      clearTimeout(timer);
      slot.busy = null;
      queued.reject(error instanceof Error ? error : new Error(String(error)));
      this.#dispatch();
    }
  }

  // The worker now holds the conversation; the caller updates the tick via `markCached`.
  #remember(slot: Slot, conversationId: number): void {
    slot.cached.set(conversationId, Number.NaN);
    while (slot.cached.size > this.#options.cachePerWorker) {
      const oldest = slot.cached.keys().next().value as number;
      slot.cached.delete(oldest);
      slot.worker.postMessage({ type: 'evict', conversationId: oldest } satisfies ToWorker);
    }
  }

  /** Records the tick the worker's copy of `conversationId` now corresponds to (after saving it). */
  markCached(conversationId: number, tick: number): void {
    for (const slot of this.#slots) if (slot.cached.has(conversationId)) slot.cached.set(conversationId, tick);
  }
}
