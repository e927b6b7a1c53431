import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { createPolisVotesCsvColumnReader } from '@kuulo/core';
import { forEachFileChunk } from './fileChunks.js';
import type { PartRequest, PartResult } from './parallelVotesCsv.js';
import { reloadPartial } from './reloadOrder.js';

// Worker entry: parses the votes.csv from byte `start` to the end, behind the file's own header line.
async function readPart(request: PartRequest): Promise<PartResult> {
  // In shared memory: the conversation's helper thread checks and maps this part in place (core's MathHelper).
  const reader = createPolisVotesCsvColumnReader({ source: request.path, sign: request.sign, capacity: request.capacity, shared: true });
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

// A prestarted worker (prestartVotesPart) has no request yet: it gets it as its first message.
const request = workerData ? Promise.resolve(workerData as PartRequest) : once(parentPort!, 'message').then(([message]) => message as PartRequest);
request.then(readPart).then(
  (result) => {
    const c = result.columns;
    // Shared columns are shared by posting them; only plain buffers are transferred.
    const buffers = [c.participant.buffer, c.statement.buffer, c.vote.buffer, c.time.buffer, result.partial.first?.buffer, result.partial.seenS?.buffer];
    parentPort!.postMessage(result, buffers.filter((b) => b instanceof ArrayBuffer));
  },
  (error: unknown) => parentPort!.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
