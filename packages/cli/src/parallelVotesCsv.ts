import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createPolisVotesCsvColumnReader, type PolisVoteColumns } from '@kuulo/core';
import { forEachFileChunk } from './fileChunks.js';
import { reloadPartial, reloadPartials, type ReloadPartial } from './reloadOrder.js';
import { parallelCsvBytes, takePrestartedVotesPart } from './prestartVotesPart.js';
import { workerEntry } from './workerEntry.js';

/** What the worker parses: the file from `start`, behind `header`. */
export interface PartRequest {
  path: string;
  start: number;
  header: Uint8Array;
  sign: 'export' | 'internal';
  capacity: number;
}

export type PartResult = { kind: 'done'; columns: PolisVoteColumns; partial: ReloadPartial };
type FromPart = PartResult | { kind: 'progress'; read: number } | { kind: 'failed'; message: string };

/**
 * Parses a big votes.csv on two threads: this one reads the first half, a worker thread the second
 * (from the first line start after the middle, behind a copy of the header). The columns equal a
 * one-thread parse exactly. Returns null whenever that cannot be guaranteed cheaply — one core, a
 * small file, no line end near the middle, or any error in either half (a split inside a quoted
 * field fails the first half) — and the caller parses on one thread, which also gives any error its
 * true line number. The columns come as two parts, in file order, not copied into one (a
 * conversation can take both as they are).
 */
export async function readVotesCsvPartsInParallel(
  path: string,
  size: number,
  options: { sign: 'export' | 'internal'; onProgress?: (read: number) => void; minBytes?: number; whileWaiting?: (() => void) | undefined },
): Promise<[PolisVoteColumns, PolisVoteColumns] | null> {
  if (size < (options.minBytes ?? parallelCsvBytes) || availableParallelism() < 2) return null;
  const bounds = await splitPoint(path, size);
  if (bounds === null) return null;
  const capacity = Math.ceil(size / 20);
  let mainRead = 0;
  let partRead = 0;
  const report = () => options.onProgress?.(mainRead + partRead);
  const part = runPart({ path, start: bounds.split, header: bounds.header, sign: options.sign, capacity: Math.ceil(capacity / 2) }, (read) => {
    partRead = read;
    report();
  });
  try {
    const reader = createPolisVotesCsvColumnReader({ source: path, sign: options.sign, capacity });
    await forEachFileChunk(
      path,
      (chunk) => {
        reader.push(chunk);
        mainRead += chunk.length;
        report();
      },
      { end: bounds.split },
    );
    const first = reader.end();
    // Each thread summarises its own part for the reload order (reloadOrderIds) while the other may still parse.
    reloadPartials.set(first, reloadPartial(first));
    options.whileWaiting?.();
    const second = await part.result;
    return second === null ? null : [first, second];
  } catch {
    await part.cancel();
    return null;
  }
}

// The header line (with its line end) and the first line start after the middle, or null when none is near.
async function splitPoint(path: string, size: number): Promise<{ header: Uint8Array; split: number } | null> {
  const file = await open(path, 'r');
  try {
    const window = 1 << 20;
    const head = new Uint8Array(Math.min(window, size));
    await file.read(head, 0, head.length, 0);
    const headerEnd = head.indexOf(10) + 1;
    const middle = Math.floor(size / 2);
    const near = new Uint8Array(Math.min(window, size - middle));
    await file.read(near, 0, near.length, middle);
    const lineEnd = near.indexOf(10);
    if (headerEnd <= 0 || lineEnd === -1 || middle + lineEnd + 1 >= size || middle <= headerEnd) return null;
    return { header: head.slice(0, headerEnd), split: middle + lineEnd + 1 };
  } finally {
    await file.close();
  }
}

function runPart(request: PartRequest, onProgress: (read: number) => void): { result: Promise<PolisVoteColumns | null>; cancel: () => Promise<void> } {
  const prestarted = takePrestartedVotesPart();
  let worker: Worker;
  if (prestarted) {
    worker = prestarted;
    worker.postMessage(request);
  } else {
    const entry = workerEntry('readVotesPart', import.meta.url);
    worker = new Worker(entry.script, { eval: entry.eval, execArgv: entry.execArgv, workerData: request });
  }
  const result = new Promise<PolisVoteColumns | null>((resolve) => {
    worker.on('message', (message: FromPart) => {
      if (message.kind === 'progress') return onProgress(message.read);
      if (message.kind === 'done') reloadPartials.set(message.columns, message.partial);
      resolve(message.kind === 'done' ? message.columns : null);
      void worker.terminate();
    });
    worker.on('error', () => resolve(null));
    worker.on('exit', () => resolve(null));
  });
  return { result, cancel: async () => void (await worker.terminate()) };
}
