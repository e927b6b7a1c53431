import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createPolisVotesCsvColumnReader, type PolisVoteColumns } from '@kuulo/core';
import { forEachFileChunk } from './fileChunks.js';
import { workerEntry } from './workerEntry.js';

/** What the worker parses: the file from `start`, behind `header`. */
export interface PartRequest {
  path: string;
  start: number;
  header: Uint8Array;
  sign: 'export' | 'internal';
  capacity: number;
}

export type PartResult = { kind: 'done'; columns: PolisVoteColumns };
type FromPart = PartResult | { kind: 'progress'; read: number } | { kind: 'failed'; message: string };

/** Below this size one thread parses the file: starting a worker costs ~50 ms. */
export const parallelCsvBytes = 64e6;

/**
 * Parses a big votes.csv on two threads: this one reads the first half, a worker thread the second
 * (from the first line start after the middle, behind a copy of the header). The columns equal a
 * one-thread parse exactly. Returns null whenever that cannot be guaranteed cheaply — one core, a
 * small file, no line end near the middle, or any error in either half (a split inside a quoted
 * field fails the first half) — and the caller parses on one thread, which also gives any error its
 * true line number.
 */
export async function readVotesCsvInParallel(
  path: string,
  size: number,
  options: { sign: 'export' | 'internal'; onProgress?: (read: number) => void; minBytes?: number },
): Promise<PolisVoteColumns | null> {
  const parts = await readVotesCsvPartsInParallel(path, size, options);
  return parts === null ? null : concatColumns(parts[0]!, parts[1]!);
}

/** The same as two parts, in file order, not copied into one (a conversation can take both as they are). */
export async function readVotesCsvPartsInParallel(
  path: string,
  size: number,
  options: { sign: 'export' | 'internal'; onProgress?: (read: number) => void; minBytes?: number },
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
  const entry = workerEntry('readVotesPart', import.meta.url);
  const worker = new Worker(entry.script, { eval: entry.eval, execArgv: entry.execArgv, workerData: request });
  const result = new Promise<PolisVoteColumns | null>((resolve) => {
    worker.on('message', (message: FromPart) => {
      if (message.kind === 'progress') return onProgress(message.read);
      resolve(message.kind === 'done' ? message.columns : null);
      void worker.terminate();
    });
    worker.on('error', () => resolve(null));
    worker.on('exit', () => resolve(null));
  });
  return { result, cancel: async () => void (await worker.terminate()) };
}

/** The first columns with the second appended, in the first's spare room when it has enough. */
export function concatColumns(a: PolisVoteColumns, b: PolisVoteColumns): PolisVoteColumns {
  const n = a.length + b.length;
  const grow = <T extends Int32Array | Int8Array | Float64Array>(x: T, y: T): T => {
    const make = x.constructor as { new (length: number): T; new (buffer: ArrayBufferLike, offset: number, length: number): T };
    const room = (x.buffer.byteLength - x.byteOffset) / x.BYTES_PER_ELEMENT;
    const out = room >= n ? new make(x.buffer, x.byteOffset, n) : new make(n);
    if (out.buffer !== x.buffer) out.set(x as never);
    out.set(y as never, a.length);
    return out;
  };
  return { length: n, participant: grow(a.participant, b.participant), statement: grow(a.statement, b.statement), vote: grow(a.vote, b.vote), time: grow(a.time, b.time) };
}
