import type { Db } from '../db/db.js';
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
export async function insertVote(db: Db, conversationId: number, v: { pid: number; tid: number; vote: VoteValue; createdAt: number }): Promise<number> {
  const { id } = (await db.get('INSERT INTO votes (conversation_id, pid, tid, vote, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id', conversationId, v.pid, v.tid, v.vote, v.createdAt)) as { id: number };
  const old = await db.get('SELECT vote, created_at AS createdAt FROM current_votes WHERE conversation_id = ? AND pid = ? AND tid = ?', conversationId, v.pid, v.tid) as
    | { vote: VoteValue; createdAt: number }
    | undefined;
  // Latest wins: an older vote arriving late goes to the history only.
  const wins = old === undefined || v.createdAt >= old.createdAt;
  const delta: Tally = { agree: 0, disagree: 0, pass: 0 };
  if (wins) {
    await db.run(`INSERT INTO current_votes (conversation_id, pid, tid, vote, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id, pid, tid) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at
       WHERE excluded.created_at >= current_votes.created_at`, conversationId, v.pid, v.tid, v.vote, v.createdAt);
    if (old) delta[tallyKey[old.vote]] -= 1;
    delta[tallyKey[v.vote]] += 1;
  }
  await countVote(db, conversationId, v.tid, delta, v.vote, id);
  return id;
}

const tallyKey: Record<VoteValue, keyof Tally> = { [-1]: 'disagree', 0: 'pass', 1: 'agree' };

/** A participant's current votes in tid order. */
export async function participantVotes(db: Db, conversationId: number, pid: number): Promise<{ tid: number; vote: VoteValue; createdAt: number }[]> {
  return await db.all('SELECT tid, vote, created_at AS createdAt FROM current_votes WHERE conversation_id = ? AND pid = ? ORDER BY tid', conversationId, pid) as {
    tid: number;
    vote: VoteValue;
    createdAt: number;
  }[];
}

export async function participantVoteCount(db: Db, conversationId: number, pid: number): Promise<number> {
  return (await db.get('SELECT count(*) AS n FROM current_votes WHERE conversation_id = ? AND pid = ?', conversationId, pid) as { n: number }).n;
}

/** History rows after `afterId` in arrival order (what the math has not seen yet). */
export async function votesAfter(db: Db, conversationId: number, afterId: number, limit: number): Promise<VoteRow[]> {
  return await db.all('SELECT id, pid, tid, vote, created_at AS createdAt FROM votes WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?', conversationId, afterId, limit) as VoteRow[];
}

export async function lastVoteId(db: Db, conversationId: number): Promise<number> {
  return (await db.get('SELECT coalesce(max(id), 0) AS id FROM votes WHERE conversation_id = ?', conversationId) as { id: number }).id;
}

export async function historyCount(db: Db, conversationId: number): Promise<number> {
  return (await db.get('SELECT count(*) AS n FROM votes WHERE conversation_id = ?', conversationId) as { n: number }).n;
}

/** Participants with at least one current vote. */
export async function voterCount(db: Db, conversationId: number): Promise<number> {
  return (await db.get('SELECT count(DISTINCT pid) AS n FROM current_votes WHERE conversation_id = ?', conversationId) as { n: number }).n;
}
