import type Database from 'better-sqlite3';
import { prepared } from './prepared.js';
import type { Tally } from './statements.js';
import { countVote } from './tallies.js';

/** Public sign: agree +1, disagree −1, pass 0. */
export type VoteValue = -1 | 0 | 1;

export interface VoteRow {
  id: number;
  pid: number;
  tid: number;
  vote: VoteValue;
  createdAt: number;
}

/** Appends to the history, replaces the participant's current vote when this one is not older, and updates the statement's tally; returns the history id. Call inside a transaction. */
export function insertVote(db: Database.Database, conversationId: number, v: { pid: number; tid: number; vote: VoteValue; createdAt: number }): number {
  const info = prepared(db, 'INSERT INTO votes (conversation_id, pid, tid, vote, created_at) VALUES (?, ?, ?, ?, ?)').run(conversationId, v.pid, v.tid, v.vote, v.createdAt);
  const id = Number(info.lastInsertRowid);
  const old = prepared(db, 'SELECT vote, created_at AS createdAt FROM current_votes WHERE conversation_id = ? AND pid = ? AND tid = ?').get(conversationId, v.pid, v.tid) as
    | { vote: VoteValue; createdAt: number }
    | undefined;
  // Latest wins: an older vote arriving late goes to the history only.
  const wins = old === undefined || v.createdAt >= old.createdAt;
  const delta: Tally = { agree: 0, disagree: 0, pass: 0 };
  if (wins) {
    prepared(
      db,
      `INSERT INTO current_votes (conversation_id, pid, tid, vote, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id, pid, tid) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at
       WHERE excluded.created_at >= current_votes.created_at`,
    ).run(conversationId, v.pid, v.tid, v.vote, v.createdAt);
    if (old) delta[tallyKey[old.vote]] -= 1;
    delta[tallyKey[v.vote]] += 1;
  }
  countVote(db, conversationId, v.tid, delta, v.vote, id);
  return id;
}

const tallyKey: Record<VoteValue, keyof Tally> = { [-1]: 'disagree', 0: 'pass', 1: 'agree' };

/** A participant's current votes in tid order. */
export function participantVotes(db: Database.Database, conversationId: number, pid: number): { tid: number; vote: VoteValue; createdAt: number }[] {
  return prepared(db, 'SELECT tid, vote, created_at AS createdAt FROM current_votes WHERE conversation_id = ? AND pid = ? ORDER BY tid').all(conversationId, pid) as {
    tid: number;
    vote: VoteValue;
    createdAt: number;
  }[];
}

export function participantVoteCount(db: Database.Database, conversationId: number, pid: number): number {
  return (prepared(db, 'SELECT count(*) AS n FROM current_votes WHERE conversation_id = ? AND pid = ?').get(conversationId, pid) as { n: number }).n;
}

/** History rows after `afterId` in arrival order (what the math has not seen yet). */
export function votesAfter(db: Database.Database, conversationId: number, afterId: number, limit: number): VoteRow[] {
  return prepared(
    db,
    'SELECT id, pid, tid, vote, created_at AS createdAt FROM votes WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?',
  ).all(conversationId, afterId, limit) as VoteRow[];
}

export function lastVoteId(db: Database.Database, conversationId: number): number {
  return (prepared(db, 'SELECT coalesce(max(id), 0) AS id FROM votes WHERE conversation_id = ?').get(conversationId) as { id: number }).id;
}

export function historyCount(db: Database.Database, conversationId: number): number {
  return (prepared(db, 'SELECT count(*) AS n FROM votes WHERE conversation_id = ?').get(conversationId) as { n: number }).n;
}

/** Every history row, oldest first (votes.csv). */
export function iterateHistory(db: Database.Database, conversationId: number): IterableIterator<VoteRow> {
  return prepared(db, 'SELECT id, pid, tid, vote, created_at AS createdAt FROM votes WHERE conversation_id = ? ORDER BY created_at, id').iterate(
    conversationId,
  ) as IterableIterator<VoteRow>;
}

/** Every current vote grouped by participant (participants-votes.csv). */
export function iterateCurrentVotes(db: Database.Database, conversationId: number): IterableIterator<{ pid: number; tid: number; vote: VoteValue }> {
  return prepared(db, 'SELECT pid, tid, vote FROM current_votes WHERE conversation_id = ? ORDER BY pid, tid').iterate(conversationId) as IterableIterator<{
    pid: number;
    tid: number;
    vote: VoteValue;
  }>;
}

/** Participants with at least one current vote. */
export function voterCount(db: Database.Database, conversationId: number): number {
  return (prepared(db, 'SELECT count(DISTINCT pid) AS n FROM current_votes WHERE conversation_id = ?').get(conversationId) as { n: number }).n;
}
