import type Database from 'better-sqlite3';
import { prepared } from './prepared.js';

/** A participant whose votes the math leaves out; their votes stay stored and come back when the row goes. */
export interface ExclusionRow {
  pid: number;
  reason: string;
  actor: string;
  excludedAt: number;
}

/** Marks the participant excluded (again: keeps the first time, updates the reason); returns whether it changed anything. */
export function excludeParticipant(db: Database.Database, conversationId: number, e: ExclusionRow): boolean {
  const before = findExclusion(db, conversationId, e.pid);
  prepared(
    db,
    `INSERT INTO participant_exclusions (conversation_id, pid, reason, actor, excluded_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, pid) DO UPDATE SET reason = excluded.reason`,
  ).run(conversationId, e.pid, e.reason, e.actor, e.excludedAt);
  return before === undefined;
}

/** Lets the participant's votes back into the math; returns whether they were excluded. */
export function includeParticipant(db: Database.Database, conversationId: number, pid: number): boolean {
  return prepared(db, 'DELETE FROM participant_exclusions WHERE conversation_id = ? AND pid = ?').run(conversationId, pid).changes > 0;
}

export function findExclusion(db: Database.Database, conversationId: number, pid: number): ExclusionRow | undefined {
  return prepared(db, 'SELECT pid, reason, actor, excluded_at AS excludedAt FROM participant_exclusions WHERE conversation_id = ? AND pid = ?').get(conversationId, pid) as
    | ExclusionRow
    | undefined;
}

/** Every exclusion in the conversation by pid. */
export function listExclusions(db: Database.Database, conversationId: number): Map<number, ExclusionRow> {
  const rows = prepared(db, 'SELECT pid, reason, actor, excluded_at AS excludedAt FROM participant_exclusions WHERE conversation_id = ? ORDER BY pid').all(conversationId) as ExclusionRow[];
  return new Map(rows.map((r) => [r.pid, r]));
}

/** The excluded pids, for the math job's vote reader. */
export function excludedPids(db: Database.Database, conversationId: number): Set<number> {
  const rows = prepared(db, 'SELECT pid FROM participant_exclusions WHERE conversation_id = ?').raw(true).all(conversationId) as [number][];
  return new Set(rows.map((r) => r[0]));
}
