import type { Db } from '../db/db.js';
import type { VoteRow, VoteValue } from './votes.js';

// Keyset pages for the streamed exports: each call is one short query, so an export never holds a
// statement iterator open across turns of the event loop (better-sqlite3 forbids other statements meanwhile).

/** Where a history page resumes: the last row's (tid, pid, createdAt, id), or null to start. */
export type HistoryCursor = readonly [tid: number, pid: number, createdAt: number, id: number] | null;

/**
 * History rows with id ≤ `maxId` after `cursor`, by statement, participant, time and arrival id
 * (the votes.csv order; index votes_export in migration 003 serves it).
 */
export async function historyPage(db: Db, conversationId: number, maxId: number, cursor: HistoryCursor, limit: number): Promise<VoteRow[]> {
  const [tid, pid, createdAt, id] = cursor ?? [-1, -1, -Number.MAX_SAFE_INTEGER, -1];
  return await db.all(`SELECT id, pid, tid, vote, created_at AS createdAt FROM votes
     WHERE conversation_id = ? AND (tid, pid, created_at, id) > (?, ?, ?, ?) AND id <= ?
     ORDER BY tid, pid, created_at, id LIMIT ?`, conversationId, tid, pid, createdAt, id, maxId, limit) as VoteRow[];
}

/** Current votes of participants with pid > `afterPid`, by pid then tid; the last participant may be cut off by `limit`. */
export async function currentVotesPage(db: Db, conversationId: number, afterPid: number, limit: number): Promise<{ pid: number; tid: number; vote: VoteValue }[]> {
  return await db.all('SELECT pid, tid, vote FROM current_votes WHERE conversation_id = ? AND pid > ? ORDER BY pid, tid LIMIT ?', conversationId, afterPid, limit) as {
    pid: number;
    tid: number;
    vote: VoteValue;
  }[];
}

/** One participant's current votes in tid order (a participant larger than a page). */
export async function currentVotesOf(db: Db, conversationId: number, pid: number): Promise<{ pid: number; tid: number; vote: VoteValue }[]> {
  return await db.all('SELECT pid, tid, vote FROM current_votes WHERE conversation_id = ? AND pid = ? ORDER BY tid', conversationId, pid) as {
    pid: number;
    tid: number;
    vote: VoteValue;
  }[];
}

/** Every statement id in tid order (participants-votes.csv columns). */
export async function statementIds(db: Db, conversationId: number): Promise<number[]> {
  return await db.column('SELECT tid FROM statements WHERE conversation_id = ? ORDER BY tid', conversationId) as number[];
}

/** The largest pid, or −1 without participants. */
export async function maxParticipantPid(db: Db, conversationId: number): Promise<number> {
  return (await db.value('SELECT coalesce(max(pid), -1) FROM participants WHERE conversation_id = ?', conversationId)) as number;
}

/** Of the next `limit` participants after `afterPid`, how many have a current vote; `lastPid` is the last one looked at (null: none left). */
export async function votersIn(db: Db, conversationId: number, afterPid: number, limit: number): Promise<{ voters: number; lastPid: number | null }> {
  const row = await db.get(`SELECT count(*) AS seen, max(pid) AS lastPid, sum(CASE WHEN EXISTS (SELECT 1 FROM current_votes v WHERE v.conversation_id = p.conversation_id AND v.pid = p.pid) THEN 1 ELSE 0 END) AS voters
     FROM (SELECT conversation_id, pid FROM participants WHERE conversation_id = ? AND pid > ? ORDER BY pid LIMIT ?) p`, conversationId, afterPid, limit) as { seen: number; lastPid: number | null; voters: number | null };
  return { voters: row.voters ?? 0, lastPid: row.seen === 0 ? null : row.lastPid };
}
