import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db } from '../db/db.js';
import { votesAfter } from '../repositories/votes.js';
import type { VoteBatch } from './mathJob.js';

const chunk = 20_000;

/**
 * Vote history rows with afterId < id ≤ upToId as typed arrays, read in chunks that yield to the
 * event loop, so loading a large conversation never stalls requests for long. Votes of `exclude`d
 * participants are skipped (a moderator's reversible exclusion; the rows stay stored).
 */
export async function readVoteBatch(
  db: Db,
  conversationId: number,
  afterId: number,
  upToId: number,
  exclude: ReadonlySet<number> = new Set(),
): Promise<VoteBatch> {
  const pid: number[] = [];
  const tid: number[] = [];
  const vote: number[] = [];
  const time: number[] = [];
  let cursor = afterId;
  for (;;) {
    const rows = await votesAfter(db, conversationId, cursor, chunk);
    for (const row of rows) {
      if (row.id > upToId) break;
      if (exclude.has(row.pid)) continue;
      pid.push(row.pid);
      tid.push(row.tid);
      vote.push(row.vote);
      time.push(row.createdAt);
    }
    const last = rows.at(-1);
    if (rows.length < chunk || !last || last.id >= upToId) break;
    cursor = last.id;
    await yieldToEventLoop();
  }
  return { pid: Int32Array.from(pid), tid: Int32Array.from(tid), vote: Int8Array.from(vote), time: Float64Array.from(time) };
}
