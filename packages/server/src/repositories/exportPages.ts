import type Database from 'better-sqlite3';
import { prepared } from './prepared.js';
import type { VoteRow, VoteValue } from './votes.js';

// Keyset pages for the streamed exports: each call is one short query, so an export never holds a
// statement iterator open across turns of the event loop (better-sqlite3 forbids other statements meanwhile).

/** Where a history page resumes: the last row's (tid, pid, createdAt, id), or null to start. */
export type HistoryCursor = readonly [tid: number, pid: number, createdAt: number, id: number] | null;

/**
 * History rows with id ≤ `maxId` after `cursor`, by statement, participant, time and arrival id
 * (the votes.csv order; index votes_export in migration 003 serves it).
 */
export function historyPage(db: Database.Database, conversationId: number, maxId: number, cursor: HistoryCursor, limit: number): VoteRow[] {
  const [tid, pid, createdAt, id] = cursor ?? [-1, -1, -Number.MAX_SAFE_INTEGER, -1];
  return prepared(
    db,
    `SELECT id, pid, tid, vote, created_at AS createdAt FROM votes
     WHERE conversation_id = ? AND (tid, pid, created_at, id) > (?, ?, ?, ?) AND id <= ?
     ORDER BY tid, pid, created_at, id LIMIT ?`,
  ).all(conversationId, tid, pid, createdAt, id, maxId, limit) as VoteRow[];
}

/** Current votes of participants with pid > `afterPid`, by pid then tid; the last participant may be cut off by `limit`. */
export function currentVotesPage(db: Database.Database, conversationId: number, afterPid: number, limit: number): { pid: number; tid: number; vote: VoteValue }[] {
  return prepared(db, 'SELECT pid, tid, vote FROM current_votes WHERE conversation_id = ? AND pid > ? ORDER BY pid, tid LIMIT ?').all(conversationId, afterPid, limit) as {
    pid: number;
    tid: number;
    vote: VoteValue;
  }[];
}

/** One participant's current votes in tid order (a participant larger than a page). */
export function currentVotesOf(db: Database.Database, conversationId: number, pid: number): { pid: number; tid: number; vote: VoteValue }[] {
  return prepared(db, 'SELECT pid, tid, vote FROM current_votes WHERE conversation_id = ? AND pid = ? ORDER BY tid').all(conversationId, pid) as {
    pid: number;
    tid: number;
    vote: VoteValue;
  }[];
}

/** Every statement id in tid order (participants-votes.csv columns). */
export function statementIds(db: Database.Database, conversationId: number): number[] {
  return prepared(db, 'SELECT tid FROM statements WHERE conversation_id = ? ORDER BY tid').pluck().all(conversationId) as number[];
}

/** The largest pid, or −1 without participants. */
export function maxParticipantPid(db: Database.Database, conversationId: number): number {
  return prepared(db, 'SELECT coalesce(max(pid), -1) FROM participants WHERE conversation_id = ?').pluck().get(conversationId) as number;
}

/** Of the next `limit` participants after `afterPid`, how many have a current vote; `lastPid` is the last one looked at (null: none left). */
export function votersIn(db: Database.Database, conversationId: number, afterPid: number, limit: number): { voters: number; lastPid: number | null } {
  const row = prepared(
    db,
    `SELECT count(*) AS seen, max(pid) AS lastPid, sum(EXISTS (SELECT 1 FROM current_votes v WHERE v.conversation_id = p.conversation_id AND v.pid = p.pid)) AS voters
     FROM (SELECT conversation_id, pid FROM participants WHERE conversation_id = ? AND pid > ? ORDER BY pid LIMIT ?) p`,
  ).get(conversationId, afterPid, limit) as { seen: number; lastPid: number | null; voters: number | null };
  return { voters: row.voters ?? 0, lastPid: row.seen === 0 ? null : row.lastPid };
}
