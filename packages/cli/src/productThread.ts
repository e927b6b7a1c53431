import { availableParallelism } from 'node:os';
import { MessageChannel, Worker } from 'node:worker_threads';
import { scatterRowSums, type ProductHelper, type ScatterShare } from '@kuulo/core';
import { workerEntry } from './workerEntry.js';

// Control words shared with the worker: shares asked for, shares done, a failure flag, started.
const ASKED = 0;
const DONE = 1;
const FAILED = 2;
const READY = 3;
// The worker stops when ASKED reads this.
const stopWord = -1;

/** A product helper on a worker thread; `close` ends the thread. */
export interface ProductThread extends ProductHelper {
  /** True once the worker takes shares (until then they run on the caller's thread), false if it failed to start. */
  ready: Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Starts a worker thread that takes half of each large PCA product (core's `ProductHelper`), or null
 * on a one-core machine. The main thread blocks on `Atomics.wait` while it finishes its half: a
 * product runs inside core's synchronous `update()`, and takes tens of ms, so a message round trip
 * through the event loop is not possible there and a blocking wait costs nothing.
 */
export function startProductThread(options: { moduleUrl?: string } = {}): ProductThread | null {
  if (availableParallelism() < 2) return null;
  const control = new Int32Array(new SharedArrayBuffer(4 * 4));
  const { port1, port2 } = new MessageChannel();
  const entry = workerEntry('productWorker', options.moduleUrl ?? import.meta.url);
  const worker = new Worker(entry.script, { eval: entry.eval, execArgv: entry.execArgv, workerData: { control, port: port2 }, transferList: [port2] });
  // The thread never keeps the process alive; one that failed or ended takes no more shares.
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
    run(share: ScatterShare): () => void {
      // Until the worker runs (start-up takes ~50 ms) or after a failure, this thread does the share itself: slower, never a different result.
      if (Atomics.load(control, READY) === 0 || Atomics.load(control, FAILED) !== 0) return () => scatterRowSums(share);
      port1.postMessage(share);
      const expected = ++asked;
      Atomics.store(control, ASKED, expected);
      Atomics.notify(control, ASKED);
      return () => {
        for (;;) {
          const done = Atomics.load(control, DONE);
          if (done >= expected) return;
          // A worker that failed mid-share may have left part of its sums: start them again here.
          if (Atomics.load(control, FAILED) !== 0) {
            share.sums.fill(0);
            return scatterRowSums(share);
          }
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
