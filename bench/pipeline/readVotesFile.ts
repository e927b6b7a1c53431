// Reads a votes.csv with core's streaming Polis reader (the code path whose throughput `csv` measures).
import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { createPolisVotesCsvColumnReader } from '../../packages/core/src/index.js';
import type { VoteColumns } from '../data/voteColumns.js';

const chunkBytes = 1 << 24;

/** Stream a Polis `votes.csv` (agree = +1) from disk into typed columns. */
export function readVotesFile(path: string): VoteColumns {
  const reader = createPolisVotesCsvColumnReader({ source: basename(path) });
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let bytes: number;
    while ((bytes = readSync(fd, buffer, 0, chunkBytes, null)) > 0) reader.push(buffer.subarray(0, bytes));
  } finally {
    closeSync(fd);
  }
  const columns = reader.end();
  return { participant: columns.participant, statement: columns.statement, vote: columns.vote, time: columns.time };
}
