import { jsonArrayValues, type Db } from '../db/db.js';
import type { Moderation } from './statements.js';

/** A statement's moderation and the statement a moderator marked it a duplicate of. */
export interface DuplicateState {
  moderation: Moderation;
  duplicateOf: number | null;
}

/** Moderation and duplicate_of of the given statements (missing ids are left out). */
export async function duplicateStates(db: Db, conversationId: number, tids: readonly number[]): Promise<Map<number, DuplicateState>> {
  const rows = await db.all('SELECT tid, moderation, duplicate_of FROM statements WHERE conversation_id = ? AND tid IN ' + jsonArrayValues(db.dialect, 'integer'), conversationId,
    JSON.stringify([...new Set(tids)]),) as DuplicateRow[];
  return toStates(rows);
}

/** Moderation and duplicate_of of every statement of the conversation (one pass, for a whole queue). */
export async function allDuplicateStates(db: Db, conversationId: number): Promise<Map<number, DuplicateState>> {
  return toStates(await db.all('SELECT tid, moderation, duplicate_of FROM statements WHERE conversation_id = ?', conversationId) as DuplicateRow[]);
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
export async function setDuplicateOf(db: Db, conversationId: number, tid: number, duplicateOf: number | null): Promise<void> {
  await db.run('UPDATE statements SET duplicate_of = ? WHERE conversation_id = ? AND tid = ?', duplicateOf, conversationId, tid);
}

/** The author's statements a moderator rejected as duplicates, newest first, with the statement to vote on instead. */
export async function rejectedDuplicatesOf(db: Db, conversationId: number, pid: number): Promise<{ tid: number; duplicateOf: number }[]> {
  const rows = await db.all('SELECT tid, duplicate_of FROM statements WHERE conversation_id = ? AND author_pid = ? AND moderation = -1 AND duplicate_of IS NOT NULL ORDER BY tid DESC', conversationId, pid) as { tid: number; duplicate_of: number }[];
  return rows.map((r) => ({ tid: r.tid, duplicateOf: r.duplicate_of }));
}

/** The author's statements awaiting moderation, in tid order. */
export async function pendingStatementsOf(db: Db, conversationId: number, pid: number): Promise<number[]> {
  const rows = await db.all('SELECT tid FROM statements WHERE conversation_id = ? AND author_pid = ? AND moderation = 0 ORDER BY tid', conversationId, pid) as { tid: number }[];
  return rows.map((r) => r.tid);
}

/** Statements with a tid above `afterTid`, in tid order, as the similarity index reads them. */
export async function statementTextsAfter(db: Db, conversationId: number, afterTid: number, limit: number): Promise<{ tid: number; text: string; lang: string | null }[]> {
  return await db.all('SELECT tid, text, lang FROM statements WHERE conversation_id = ? AND tid > ? ORDER BY tid LIMIT ?', conversationId, afterTid, limit) as {
    tid: number;
    text: string;
    lang: string | null;
  }[];
}
