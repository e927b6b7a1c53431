import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createPolisVotesCsvColumnReader } from '@kuulo/core';
import type { PartRequest, PartResult } from './parallelVotesCsv.js';

// Worker entry: parses the votes.csv from byte `start` to the end, behind the file's own header line.
async function readPart(request: PartRequest): Promise<PartResult> {
  const reader = createPolisVotesCsvColumnReader({ source: request.path, sign: request.sign, capacity: request.capacity });
  reader.push(request.header);
  let read = 0;
  for await (const chunk of createReadStream(request.path, { start: request.start, highWaterMark: 1 << 20 })) {
    reader.push(chunk as Buffer);
    read += (chunk as Buffer).length;
    parentPort!.postMessage({ kind: 'progress', read });
  }
  return { kind: 'done', columns: reader.end() };
}

readPart(workerData as PartRequest).then(
  (result) => {
    const c = result.columns;
    parentPort!.postMessage(result, [c.participant.buffer, c.statement.buffer, c.vote.buffer, c.time.buffer] as ArrayBuffer[]);
  },
  (error: unknown) => parentPort!.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
