import type { Db } from '../db/db.js';

/** A participant whose votes the math leaves out; their votes stay stored and come back when the row goes. */
export interface ExclusionRow {
  pid: number;
  reason: string;
  actor: string;
  excludedAt: number;
}

/** Marks the participant excluded (again: keeps the first time, updates the reason); returns whether it changed anything. */
export async function excludeParticipant(db: Db, conversationId: number, e: ExclusionRow): Promise<boolean> {
  const before = await findExclusion(db, conversationId, e.pid);
  await db.run(`INSERT INTO participant_exclusions (conversation_id, pid, reason, actor, excluded_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, pid) DO UPDATE SET reason = excluded.reason`, conversationId, e.pid, e.reason, e.actor, e.excludedAt);
  return before === undefined;
}

/** Lets the participant's votes back into the math; returns whether they were excluded. */
export async function includeParticipant(db: Db, conversationId: number, pid: number): Promise<boolean> {
  return (await db.run('DELETE FROM participant_exclusions WHERE conversation_id = ? AND pid = ?', conversationId, pid)).changes > 0;
}

export async function findExclusion(db: Db, conversationId: number, pid: number): Promise<ExclusionRow | undefined> {
  return await db.get('SELECT pid, reason, actor, excluded_at AS excludedAt FROM participant_exclusions WHERE conversation_id = ? AND pid = ?', conversationId, pid) as
    | ExclusionRow
    | undefined;
}

/** Every exclusion in the conversation by pid. */
export async function listExclusions(db: Db, conversationId: number): Promise<Map<number, ExclusionRow>> {
  const rows = await db.all('SELECT pid, reason, actor, excluded_at AS excludedAt FROM participant_exclusions WHERE conversation_id = ? ORDER BY pid', conversationId) as ExclusionRow[];
  return new Map(rows.map((r) => [r.pid, r]));
}

/** The excluded pids, for the math job's vote reader. */
export async function excludedPids(db: Db, conversationId: number): Promise<Set<number>> {
  const rows = await db.rows('SELECT pid FROM participant_exclusions WHERE conversation_id = ?', conversationId) as [number][];
  return new Set(rows.map((r) => r[0]));
}
