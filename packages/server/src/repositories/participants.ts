import type { Db } from '../db/db.js';
import { nextId } from './nextId.js';

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
export async function insertParticipant(
  db: Db,
  conversationId: number,
  p: { tokenHash: string | null; xid: string | null; createdAt: number; pid?: number },
): Promise<ParticipantRow> {
  const pid = p.pid ?? await nextId(db, 'participants', conversationId);
  await db.run('INSERT INTO participants (conversation_id, pid, token_hash, xid, created_at) VALUES (?, ?, ?, ?, ?)', conversationId,
    pid,
    p.tokenHash,
    p.xid,
    p.createdAt,);
  await db.run('UPDATE conversations SET participant_count = participant_count + 1 WHERE id = ?', conversationId);
  return { conversationId, pid, xid: p.xid, createdAt: p.createdAt };
}

// Token → participant never changes once written, so lookups are cached per connection (bounded).
const byToken = new WeakMap<Db, Map<string, ParticipantRow>>();

export async function findParticipantByToken(db: Db, conversationId: number, tokenHash: string): Promise<ParticipantRow | undefined> {
  let map = byToken.get(db.root);
  if (!map) byToken.set(db.root, (map = new Map()));
  const hit = map.get(tokenHash);
  if (hit) return hit.conversationId === conversationId ? hit : undefined;
  const raw = await db.get(`SELECT ${columns} FROM participants WHERE token_hash = ? AND conversation_id = ?`, tokenHash, conversationId) as Raw | undefined;
  if (!raw) return undefined;
  const row = Object.freeze(fromRaw(raw));
  if (map.size >= 100_000) map.clear();
  map.set(tokenHash, row);
  return row;
}

export async function findParticipantByXid(db: Db, conversationId: number, xid: string): Promise<ParticipantRow | undefined> {
  const raw = await db.get(`SELECT ${columns} FROM participants WHERE conversation_id = ? AND xid = ?`, conversationId, xid) as Raw | undefined;
  return raw && fromRaw(raw);
}

export async function findParticipantByPid(db: Db, conversationId: number, pid: number): Promise<ParticipantRow | undefined> {
  const raw = await db.get(`SELECT ${columns} FROM participants WHERE conversation_id = ? AND pid = ?`, conversationId, pid) as Raw | undefined;
  return raw && fromRaw(raw);
}

/** Participants with at least one statement, and their statement counts. */
export async function statementCountsByAuthor(db: Db, conversationId: number): Promise<Map<number, number>> {
  const rows = await db.all('SELECT author_pid AS pid, count(*) AS n FROM statements WHERE conversation_id = ? AND author_pid IS NOT NULL GROUP BY author_pid', conversationId) as {
    pid: number;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.pid, r.n]));
}

/** Participants in the conversation: a counter insertParticipant keeps (migration 006), not a count of rows. */
export async function participantCount(db: Db, conversationId: number): Promise<number> {
  return (await db.get('SELECT participant_count AS n FROM conversations WHERE id = ?', conversationId) as { n: number } | undefined)?.n ?? 0;
}

/** Participants with pids after `after`, in pid order (the moderator's participant list). */
export async function participantsAfter(db: Db, conversationId: number, after: number, limit: number): Promise<ParticipantRow[]> {
  return (await db.all(`SELECT ${columns} FROM participants WHERE conversation_id = ? AND pid > ? ORDER BY pid LIMIT ?`, conversationId, after, limit) as Raw[]).map(fromRaw);
}

/** How many statements the participant wrote (the statements_author index). */
export async function authoredCount(db: Db, conversationId: number, pid: number): Promise<number> {
  return (await db.get('SELECT count(*) AS n FROM statements WHERE conversation_id = ? AND author_pid = ?', conversationId, pid) as { n: number }).n;
}
