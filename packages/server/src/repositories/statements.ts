import type Database from 'better-sqlite3';
import { prepared } from './prepared.js';

/** Polis `mod`: −1 rejected, 0 pending, 1 accepted. */
export type Moderation = -1 | 0 | 1;

export interface StatementRow {
  conversationId: number;
  tid: number;
  authorPid: number | null;
  text: string;
  lang: string | null;
  isSeed: boolean;
  isMeta: boolean;
  moderation: Moderation;
  createdAt: number;
  moderatedAt: number | null;
}

export interface Tally {
  agree: number;
  disagree: number;
  pass: number;
}

export type StatementFilter = 'all' | 'pending' | 'accepted' | 'rejected' | 'meta' | 'visible' | 'visible-strict';

interface Raw {
  conversation_id: number;
  tid: number;
  author_pid: number | null;
  text: string;
  lang: string | null;
  is_seed: number;
  is_meta: number;
  moderation: Moderation;
  created_at: number;
  moderated_at: number | null;
}

const columns = 'conversation_id, tid, author_pid, text, lang, is_seed, is_meta, moderation, created_at, moderated_at';

const fromRaw = (r: Raw): StatementRow => ({
  conversationId: r.conversation_id,
  tid: r.tid,
  authorPid: r.author_pid,
  text: r.text,
  lang: r.lang,
  isSeed: r.is_seed === 1,
  isMeta: r.is_meta === 1,
  moderation: r.moderation,
  createdAt: r.created_at,
  moderatedAt: r.moderated_at,
});

/** SQL condition for each filter; 'visible' is what participants may see and vote on. */
const filters: Record<StatementFilter, string> = {
  all: '1',
  pending: 'moderation = 0',
  accepted: 'moderation = 1',
  rejected: 'moderation = -1',
  meta: 'is_meta = 1',
  visible: 'moderation >= 0',
  'visible-strict': 'moderation = 1',
};

export interface NewStatement {
  authorPid: number | null;
  text: string;
  /** Normalised text for duplicate checks; null skips the check (imports may carry duplicates). */
  textKey: string | null;
  lang: string | null;
  isSeed: boolean;
  isMeta: boolean;
  moderation: Moderation;
  createdAt: number;
  /** Keep this id (imports); default the next free tid. */
  tid?: number;
}

export function insertStatement(db: Database.Database, conversationId: number, s: NewStatement): StatementRow {
  const tid =
    s.tid ??
    (prepared(db, 'SELECT coalesce(max(tid), -1) + 1 AS next FROM statements WHERE conversation_id = ?').get(conversationId) as { next: number }).next;
  prepared(
    db,
    `INSERT INTO statements (conversation_id, tid, author_pid, text, text_key, lang, is_seed, is_meta, moderation, created_at, moderated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(conversationId, tid, s.authorPid, s.text, s.textKey, s.lang, +s.isSeed, +s.isMeta, s.moderation, s.createdAt, s.moderation === 0 ? null : s.createdAt);
  return { conversationId, tid, authorPid: s.authorPid, text: s.text, lang: s.lang, isSeed: s.isSeed, isMeta: s.isMeta, moderation: s.moderation, createdAt: s.createdAt, moderatedAt: s.moderation === 0 ? null : s.createdAt };
}

// Every vote looks up its statement: rows are cached per connection and dropped by moderateStatement.
const cache = new WeakMap<Database.Database, Map<string, StatementRow>>();
function cached(db: Database.Database): Map<string, StatementRow> {
  let map = cache.get(db);
  if (!map) cache.set(db, (map = new Map()));
  return map;
}

export function findStatement(db: Database.Database, conversationId: number, tid: number): StatementRow | undefined {
  const map = cached(db);
  const key = `${conversationId}:${tid}`;
  const hit = map.get(key);
  if (hit) return hit;
  const raw = prepared(db, `SELECT ${columns} FROM statements WHERE conversation_id = ? AND tid = ?`).get(conversationId, tid) as Raw | undefined;
  if (!raw) return undefined;
  const row = Object.freeze(fromRaw(raw));
  if (map.size >= 100_000) map.clear();
  map.set(key, row);
  return row;
}

export function textKeyExists(db: Database.Database, conversationId: number, textKey: string): boolean {
  return prepared(db, 'SELECT 1 FROM statements WHERE conversation_id = ? AND text_key = ?').get(conversationId, textKey) !== undefined;
}

export function countStatements(db: Database.Database, conversationId: number, filter: StatementFilter = 'all'): number {
  return (prepared(db, `SELECT count(*) AS n FROM statements WHERE conversation_id = ? AND ${filters[filter]}`).get(conversationId) as { n: number }).n;
}

/** One page of statements in tid order after `afterTid`. */
export function listStatements(db: Database.Database, conversationId: number, filter: StatementFilter, afterTid: number, limit: number): StatementRow[] {
  const rows = prepared(db, `SELECT ${columns} FROM statements WHERE conversation_id = ? AND ${filters[filter]} AND tid > ? ORDER BY tid LIMIT ?`).all(
    conversationId,
    afterTid,
    limit,
  ) as Raw[];
  return rows.map(fromRaw);
}

/** Statements with the given ids (missing ids are skipped), in tid order. */
export function statementsByIds(db: Database.Database, conversationId: number, tids: number[]): StatementRow[] {
  const find = prepared(db, `SELECT ${columns} FROM statements WHERE conversation_id = ? AND tid = ?`);
  return [...new Set(tids)]
    .sort((a, b) => a - b)
    .map((tid) => find.get(conversationId, tid) as Raw | undefined)
    .filter((r): r is Raw => r !== undefined)
    .map(fromRaw);
}

/** Latest-vote tallies for statements with tid in [fromTid, toTid]. */
export function tallies(db: Database.Database, conversationId: number, fromTid = 0, toTid = Number.MAX_SAFE_INTEGER): Map<number, Tally> {
  const rows = prepared(
    db,
    `SELECT tid, sum(vote = 1) AS agree, sum(vote = -1) AS disagree, sum(vote = 0) AS pass
     FROM current_votes WHERE conversation_id = ? AND tid BETWEEN ? AND ? GROUP BY tid`,
  ).all(conversationId, fromTid, toTid) as ({ tid: number } & Tally)[];
  return new Map(rows.map((r) => [r.tid, { agree: r.agree, disagree: r.disagree, pass: r.pass }]));
}

export function moderateStatement(db: Database.Database, conversationId: number, tid: number, change: { moderation?: Moderation; isMeta?: boolean }, now: number): void {
  cached(db).delete(`${conversationId}:${tid}`);
  prepared(
    db,
    `UPDATE statements SET moderation = coalesce(?, moderation), is_meta = coalesce(?, is_meta), moderated_at = ?
     WHERE conversation_id = ? AND tid = ?`,
  ).run(change.moderation ?? null, change.isMeta === undefined ? null : +change.isMeta, now, conversationId, tid);
}

/** Votable statements the participant has not voted on yet, in tid order. */
export function unvotedStatementIds(db: Database.Database, conversationId: number, pid: number | null, strict: boolean): number[] {
  const visible = strict ? filters['visible-strict'] : filters.visible;
  const rows = prepared(
    db,
    `SELECT tid FROM statements s WHERE conversation_id = ? AND ${visible}
       AND NOT EXISTS (SELECT 1 FROM current_votes v WHERE v.conversation_id = s.conversation_id AND v.pid = ? AND v.tid = s.tid)
     ORDER BY tid`,
  ).all(conversationId, pid ?? -1) as { tid: number }[];
  return rows.map((r) => r.tid);
}

/** Every statement's moderation state, for the math. */
export function moderationStates(db: Database.Database, conversationId: number): { tid: number; moderation: Moderation; isMeta: boolean }[] {
  const rows = prepared(db, 'SELECT tid, moderation, is_meta FROM statements WHERE conversation_id = ? ORDER BY tid').all(conversationId) as {
    tid: number;
    moderation: Moderation;
    is_meta: number;
  }[];
  return rows.map((r) => ({ tid: r.tid, moderation: r.moderation, isMeta: r.is_meta === 1 }));
}
