import type Database from 'better-sqlite3';
import { nextId } from './nextId.js';
import { prepared } from './prepared.js';

export interface ParticipantRow {
  conversationId: number;
  pid: number;
  xid: string | null;
  createdAt: number;
}

interface Raw {
  conversation_id: number;
  pid: number;
  xid: string | null;
  created_at: number;
}

const fromRaw = (r: Raw): ParticipantRow => ({ conversationId: r.conversation_id, pid: r.pid, xid: r.xid, createdAt: r.created_at });
const columns = 'conversation_id, pid, xid, created_at';

/** Adds a participant with the next free pid (0, 1, 2… per conversation, as Polis numbers them; never past 2³¹−1, see nextId). */
export function insertParticipant(
  db: Database.Database,
  conversationId: number,
  p: { tokenHash: string | null; xid: string | null; createdAt: number; pid?: number },
): ParticipantRow {
  const pid = p.pid ?? nextId(db, 'participants', conversationId);
  prepared(db, 'INSERT INTO participants (conversation_id, pid, token_hash, xid, created_at) VALUES (?, ?, ?, ?, ?)').run(
    conversationId,
    pid,
    p.tokenHash,
    p.xid,
    p.createdAt,
  );
  prepared(db, 'UPDATE conversations SET participant_count = participant_count + 1 WHERE id = ?').run(conversationId);
  return { conversationId, pid, xid: p.xid, createdAt: p.createdAt };
}

// Token → participant never changes once written, so lookups are cached per connection (bounded).
const byToken = new WeakMap<Database.Database, Map<string, ParticipantRow>>();

export function findParticipantByToken(db: Database.Database, conversationId: number, tokenHash: string): ParticipantRow | undefined {
  let map = byToken.get(db);
  if (!map) byToken.set(db, (map = new Map()));
  const hit = map.get(tokenHash);
  if (hit) return hit.conversationId === conversationId ? hit : undefined;
  const raw = prepared(db, `SELECT ${columns} FROM participants WHERE token_hash = ? AND conversation_id = ?`).get(tokenHash, conversationId) as Raw | undefined;
  if (!raw) return undefined;
  const row = Object.freeze(fromRaw(raw));
  if (map.size >= 100_000) map.clear();
  map.set(tokenHash, row);
  return row;
}

export function findParticipantByXid(db: Database.Database, conversationId: number, xid: string): ParticipantRow | undefined {
  const raw = prepared(db, `SELECT ${columns} FROM participants WHERE conversation_id = ? AND xid = ?`).get(conversationId, xid) as Raw | undefined;
  return raw && fromRaw(raw);
}

export function findParticipantByPid(db: Database.Database, conversationId: number, pid: number): ParticipantRow | undefined {
  const raw = prepared(db, `SELECT ${columns} FROM participants WHERE conversation_id = ? AND pid = ?`).get(conversationId, pid) as Raw | undefined;
  return raw && fromRaw(raw);
}

/** Participants with at least one statement, and their statement counts. */
export function statementCountsByAuthor(db: Database.Database, conversationId: number): Map<number, number> {
  const rows = prepared(db, 'SELECT author_pid AS pid, count(*) AS n FROM statements WHERE conversation_id = ? AND author_pid IS NOT NULL GROUP BY author_pid').all(conversationId) as {
    pid: number;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.pid, r.n]));
}

/** Participants in the conversation: a counter insertParticipant keeps (migration 006), not a count of rows. */
export function participantCount(db: Database.Database, conversationId: number): number {
  return (prepared(db, 'SELECT participant_count AS n FROM conversations WHERE id = ?').get(conversationId) as { n: number } | undefined)?.n ?? 0;
}

/** Participants with pids after `after`, in pid order (the moderator's participant list). */
export function participantsAfter(db: Database.Database, conversationId: number, after: number, limit: number): ParticipantRow[] {
  return (prepared(db, `SELECT ${columns} FROM participants WHERE conversation_id = ? AND pid > ? ORDER BY pid LIMIT ?`).all(conversationId, after, limit) as Raw[]).map(fromRaw);
}

/** How many statements the participant wrote (the statements_author index). */
export function authoredCount(db: Database.Database, conversationId: number, pid: number): number {
  return (prepared(db, 'SELECT count(*) AS n FROM statements WHERE conversation_id = ? AND author_pid = ?').get(conversationId, pid) as { n: number }).n;
}
