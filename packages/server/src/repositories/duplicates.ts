import type Database from 'better-sqlite3';
import type { Moderation } from './statements.js';
import { prepared } from './prepared.js';

/** A statement's moderation and the statement a moderator marked it a duplicate of. */
export interface DuplicateState {
  moderation: Moderation;
  duplicateOf: number | null;
}

/** Moderation and duplicate_of of the given statements (missing ids are left out). */
export function duplicateStates(db: Database.Database, conversationId: number, tids: readonly number[]): Map<number, DuplicateState> {
  const rows = prepared(db, 'SELECT tid, moderation, duplicate_of FROM statements WHERE conversation_id = ? AND tid IN (SELECT value FROM json_each(?))').all(
    conversationId,
    JSON.stringify([...new Set(tids)]),
  ) as DuplicateRow[];
  return toStates(rows);
}

/** Moderation and duplicate_of of every statement of the conversation (one pass, for a whole queue). */
export function allDuplicateStates(db: Database.Database, conversationId: number): Map<number, DuplicateState> {
  return toStates(prepared(db, 'SELECT tid, moderation, duplicate_of FROM statements WHERE conversation_id = ?').all(conversationId) as DuplicateRow[]);
}

interface DuplicateRow {
  tid: number;
  moderation: Moderation;
  duplicate_of: number | null;
}

function toStates(rows: DuplicateRow[]): Map<number, DuplicateState> {
  const out = new Map<number, DuplicateState>();
  for (const r of rows) out.set(r.tid, { moderation: r.moderation, duplicateOf: r.duplicate_of });
  return out;
}

/** Marks a statement a duplicate of another, or clears the mark (null). */
export function setDuplicateOf(db: Database.Database, conversationId: number, tid: number, duplicateOf: number | null): void {
  prepared(db, 'UPDATE statements SET duplicate_of = ? WHERE conversation_id = ? AND tid = ?').run(duplicateOf, conversationId, tid);
}

/** The author's statements a moderator rejected as duplicates, newest first, with the statement to vote on instead. */
export function rejectedDuplicatesOf(db: Database.Database, conversationId: number, pid: number): { tid: number; duplicateOf: number }[] {
  const rows = prepared(
    db,
    'SELECT tid, duplicate_of FROM statements WHERE conversation_id = ? AND author_pid = ? AND moderation = -1 AND duplicate_of IS NOT NULL ORDER BY tid DESC',
  ).all(conversationId, pid) as { tid: number; duplicate_of: number }[];
  return rows.map((r) => ({ tid: r.tid, duplicateOf: r.duplicate_of }));
}

/** The author's statements awaiting moderation, in tid order. */
export function pendingStatementsOf(db: Database.Database, conversationId: number, pid: number): number[] {
  const rows = prepared(db, 'SELECT tid FROM statements WHERE conversation_id = ? AND author_pid = ? AND moderation = 0 ORDER BY tid').all(conversationId, pid) as { tid: number }[];
  return rows.map((r) => r.tid);
}

/** Statements with a tid above `afterTid`, in tid order, as the similarity index reads them. */
export function statementTextsAfter(db: Database.Database, conversationId: number, afterTid: number, limit: number): { tid: number; text: string; lang: string | null }[] {
  return prepared(db, 'SELECT tid, text, lang FROM statements WHERE conversation_id = ? AND tid > ? ORDER BY tid LIMIT ?').all(conversationId, afterTid, limit) as {
    tid: number;
    text: string;
    lang: string | null;
  }[];
}
