import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerEntry } from './workerEntry.js';

/** Below this size one thread parses a votes.csv: starting a worker costs ~50 ms. */
export const parallelCsvBytes = 64e6;

let waiting: { worker: Worker; alive: boolean } | null = null;

/**
 * Starts the votes.csv part worker before the CLI itself is loaded, when an argument is a .csv file big enough to
 * be read on two threads: the worker's own start (a thread, then core: ~0.1 s) then overlaps the main thread's
 * instead of delaying the read. Unreferenced until taken, so an unused one never keeps the process alive.
 */
export function prestartVotesPart(argv: readonly string[], minBytes = parallelCsvBytes): void {
  if (waiting || availableParallelism() < 2 || threadsOne(argv) || !argv.some((arg) => isCsvOfSize(arg, minBytes))) return;
  try {
    const entry = workerEntry('readVotesPart', import.meta.url);
    const worker = new Worker(entry.script, { eval: entry.eval, execArgv: entry.execArgv, workerData: null });
    const slot = { worker, alive: true };
    // A worker that fails to start is simply not used: the read starts its own or parses on one thread.
    worker.on('error', () => (slot.alive = false));
    worker.on('exit', () => (slot.alive = false));
    worker.unref();
    waiting = slot;
  } catch {
    waiting = null;
  }
}

/** Whether a prestarted worker is waiting to be taken. */
export function hasPrestartedVotesPart(): boolean {
  return waiting?.alive === true;
}

/** The prestarted worker, referenced again, once; null when none was started or it is gone. */
export function takePrestartedVotesPart(): Worker | null {
  const slot = waiting;
  waiting = null;
  if (!slot?.alive) return null;
  slot.worker.ref();
  return slot.worker;
}

function threadsOne(argv: readonly string[]): boolean {
  return argv.some((arg, i) => arg === '--threads=1' || (arg === '--threads' && argv[i + 1] === '1'));
}

function isCsvOfSize(arg: string, minBytes: number): boolean {
  if (arg.startsWith('-') || !/\.csv$/i.test(arg)) return false;
  try {
    return statSync(arg).size >= minBytes;
  } catch {
    return false;
  }
}
