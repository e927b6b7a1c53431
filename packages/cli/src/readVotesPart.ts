import { parentPort, workerData } from 'node:worker_threads';
import { createPolisVotesCsvColumnReader } from '@kuulo/core';
import { forEachFileChunk } from './fileChunks.js';
import type { PartRequest, PartResult } from './parallelVotesCsv.js';
import { reloadPartial } from './reloadOrder.js';

// Worker entry: parses the votes.csv from byte `start` to the end, behind the file's own header line.
async function readPart(request: PartRequest): Promise<PartResult> {
  const reader = createPolisVotesCsvColumnReader({ source: request.path, sign: request.sign, capacity: request.capacity });
  reader.push(request.header);
  let read = 0;
  await forEachFileChunk(
    request.path,
    (chunk) => {
      reader.push(chunk);
      read += chunk.length;
      parentPort!.postMessage({ kind: 'progress', read });
    },
    { start: request.start },
  );
  const columns = reader.end();
  return { kind: 'done', columns, partial: reloadPartial(columns) };
}

readPart(workerData as PartRequest).then(
  (result) => {
    const c = result.columns;
    const tables = [result.partial.first?.buffer, result.partial.seenS?.buffer].filter((b) => b !== undefined);
    parentPort!.postMessage(result, [c.participant.buffer, c.statement.buffer, c.vote.buffer, c.time.buffer, ...tables] as ArrayBuffer[]);
  },
  (error: unknown) => parentPort!.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
