import { availableParallelism } from 'node:os';
import { MessageChannel, Worker } from 'node:worker_threads';
import { runHelperTask, type HelperTask, type MathHelper } from '@kuulo/core';
import { workerEntry } from './workerEntry.js';

// Control words shared with the worker: tasks asked for, tasks done, a failure flag, started.
const ASKED = 0;
const DONE = 1;
const FAILED = 2;
const READY = 3;
// The worker stops when ASKED reads this.
const stopWord = -1;

/** Core's `MathHelper` on a worker thread; `close` ends the thread. */
export interface HelperThread extends MathHelper {
  /** True once the worker takes tasks (until then they run on the caller's thread), false if it failed to start. */
  ready: Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Starts a worker thread that takes half of core's largest steps (core's `MathHelper`: PCA products,
 * projections, sorting a big batch of votes), or null on a one-core machine. The caller blocks on
 * `Atomics.wait` once it has done its own half: the steps run inside core's synchronous `update()` and
 * take tens of ms, so a message round trip through the event loop is not possible there, and a
 * blocking wait costs nothing.
 */
export function startHelperThread(options: { moduleUrl?: string } = {}): HelperThread | null {
  if (availableParallelism() < 2) return null;
  const control = new Int32Array(new SharedArrayBuffer(4 * 4));
  const { port1, port2 } = new MessageChannel();
  const entry = workerEntry('helperWorker', options.moduleUrl ?? import.meta.url);
  const worker = new Worker(entry.script, { eval: entry.eval, execArgv: entry.execArgv, workerData: { control, port: port2 }, transferList: [port2] });
  // The thread never keeps the process alive; one that failed or ended takes no more tasks.
  worker.unref();
  port1.unref();
  let exited = false;
  worker.on('error', () => failed());
  worker.on('exit', () => ((exited = true), failed()));
  let started: (up: boolean) => void = () => {};
  const ready = new Promise<boolean>((resolve) => (started = resolve));
  port1.once('message', () => started(true));
  function failed(): void {
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, DONE);
    started(false);
  }
  let asked = 0;
  return {
    ready,
    run(task: HelperTask): () => void {
      // Until the worker runs (start-up takes ~50 ms) or after a failure, this thread does the task itself: slower, never a different result.
      if (Atomics.load(control, READY) === 0 || Atomics.load(control, FAILED) !== 0) return () => runHelperTask(task);
      port1.postMessage(task);
      const expected = ++asked;
      Atomics.store(control, ASKED, expected);
      Atomics.notify(control, ASKED);
      return () => {
        for (;;) {
          const done = Atomics.load(control, DONE);
          if (done >= expected) return;
          // A worker that failed mid-task may have left it half done; every task can be run again from the start.
          if (Atomics.load(control, FAILED) !== 0) return runHelperTask(restartable(task));
          Atomics.wait(control, DONE, done);
        }
      };
    },
    async close(): Promise<void> {
      Atomics.store(control, ASKED, stopWord);
      Atomics.notify(control, ASKED);
      port1.close();
      if (!exited) await worker.terminate();
    },
  };
}

// A task as it must be to run again after the worker failed in it: scatter sums start from zero, dots
// overwrite; a sort left half done may have lost votes to the worker's scratch, so it cannot be redone.
function restartable(task: HelperTask): HelperTask {
  if (task.kind === 'sortRows') throw new Error('the helper thread failed while sorting votes into the matrix; run with --threads 1');
  if (task.kind === 'scatter') task.sums.fill(0);
  return task;
}
