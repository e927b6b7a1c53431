import type Database from 'better-sqlite3';
import { nextId } from './nextId.js';
import { prepared } from './prepared.js';
import { touchStatement } from './tallies.js';

/** Polis `mod`: −1 rejected, 0 pending, 1 accepted. */
export type Moderation = -1 | 0 | 1;

/** How a statement's language was set: given by its author, detected from its text, or corrected by a moderator. */
export type LangSource = 'author' | 'detected' | 'moderator';

export interface StatementRow {
  conversationId: number;
  tid: number;
  authorPid: number | null;
  text: string;
  lang: string | null;
  langSource: LangSource | null;
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
  lang_source: LangSource | null;
  is_seed: number;
  is_meta: number;
  moderation: Moderation;
  created_at: number;
  moderated_at: number | null;
}

const columns = 'conversation_id, tid, author_pid, text, lang, lang_source, is_seed, is_meta, moderation, created_at, moderated_at';
const sColumns = columns.replaceAll(/(\w+)/g, 's.$1');

const fromRaw = (r: Raw): StatementRow => ({
  conversationId: r.conversation_id,
  tid: r.tid,
  authorPid: r.author_pid,
  text: r.text,
  lang: r.lang,
  langSource: r.lang_source,
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
  langSource: LangSource | null;
  isSeed: boolean;
  isMeta: boolean;
  moderation: Moderation;
  createdAt: number;
  /** Keep this id (imports); default the next free tid. */
  tid?: number;
}

export function insertStatement(db: Database.Database, conversationId: number, s: NewStatement): StatementRow {
  const tid = s.tid ?? nextId(db, 'statements', conversationId);
  prepared(
    db,
    `INSERT INTO statements (conversation_id, tid, author_pid, text, text_key, lang, lang_source, is_seed, is_meta, moderation, created_at, moderated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(conversationId, tid, s.authorPid, s.text, s.textKey, s.lang, s.langSource, +s.isSeed, +s.isMeta, s.moderation, s.createdAt, s.moderation === 0 ? null : s.createdAt);
  touchStatement(db, conversationId, tid);
  return { conversationId, tid, authorPid: s.authorPid, text: s.text, lang: s.lang, langSource: s.langSource, isSeed: s.isSeed, isMeta: s.isMeta, moderation: s.moderation, createdAt: s.createdAt, moderatedAt: s.moderation === 0 ? null : s.createdAt };
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

/**
 * SQL condition: the statement's original language is unknown or its primary subtag is one of a JSON array
 * of lower-case primary subtags (bound in place of the `?`), so a reader of `sv` gets `sv-FI` too.
 */
const inLanguages = "(lang IS NULL OR lower(substr(lang, 1, instr(lang || '-', '-') - 1)) IN (SELECT value FROM json_each(?)))";

/** The JSON bound to `inLanguages`: each tag's primary subtag, lower-case. */
const primarySubtags = (languages: readonly string[]): string => JSON.stringify([...new Set(languages.map((l) => l.split('-')[0]!.toLowerCase()))]);

/** Statements matching `filter`; with `languages`, only those written in one of them (or in an unknown language). */
export function countStatements(db: Database.Database, conversationId: number, filter: StatementFilter = 'all', languages?: readonly string[]): number {
  if (languages) {
    return (prepared(db, `SELECT count(*) AS n FROM statements WHERE conversation_id = ? AND ${filters[filter]} AND ${inLanguages}`).get(conversationId, primarySubtags(languages)) as { n: number }).n;
  }
  return (prepared(db, `SELECT count(*) AS n FROM statements WHERE conversation_id = ? AND ${filters[filter]}`).get(conversationId) as { n: number }).n;
}

/** Statements a participant wrote in a conversation, rejected ones included (index statements_author). */
export function countAuthorStatements(db: Database.Database, conversationId: number, pid: number): number {
  return (prepared(db, 'SELECT count(*) AS n FROM statements WHERE conversation_id = ? AND author_pid = ?').get(conversationId, pid) as { n: number }).n;
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

/**
 * One page, in tid order after `afterTid`, of the statements (any moderation) changed after change
 * number `afterSeq`, each with its tally; `pendingToo` adds every pending statement (their visibility
 * flips when strict moderation is switched). Reads statement_tallies, never the votes.
 */
export function changedStatements(
  db: Database.Database,
  conversationId: number,
  afterSeq: number,
  pendingToo: boolean,
  afterTid: number,
  limit: number,
): { statement: StatementRow; tally: Tally }[] {
  // Usually few statements changed: read them from the change index and sort those, instead of walking every statement.
  const [tallies, changed] = pendingToo ? ['statement_tallies t', '(t.change_seq > ? OR s.moderation = 0)'] : ['statement_tallies t INDEXED BY statement_tallies_changes', 't.change_seq > ?'];
  const rows = prepared(
    db,
    `SELECT ${sColumns}, t.agree, t.disagree, t.pass
     FROM ${tallies} JOIN statements s ON s.conversation_id = t.conversation_id AND s.tid = t.tid
     WHERE t.conversation_id = ? AND ${changed} AND t.tid > ? ORDER BY t.tid LIMIT ?`,
  ).all(conversationId, afterSeq, afterTid, limit) as (Raw & Tally)[];
  return rows.map((r) => ({ statement: fromRaw(r), tally: { agree: r.agree, disagree: r.disagree, pass: r.pass } }));
}

export function moderateStatement(db: Database.Database, conversationId: number, tid: number, change: { moderation?: Moderation; isMeta?: boolean }, now: number): void {
  cached(db).delete(`${conversationId}:${tid}`);
  prepared(
    db,
    `UPDATE statements SET moderation = coalesce(?, moderation), is_meta = coalesce(?, is_meta), moderated_at = ?
     WHERE conversation_id = ? AND tid = ?`,
  ).run(change.moderation ?? null, change.isMeta === undefined ? null : +change.isMeta, now, conversationId, tid);
  touchStatement(db, conversationId, tid);
}

/**
 * A moderator's correction of the statement's original language; a translation into that language is
 * dropped (the original now is that text). Marks the statement changed; moderated_at stays, so the math is not rerun.
 */
export function setStatementLang(db: Database.Database, conversationId: number, tid: number, lang: string, source: LangSource): void {
  cached(db).delete(`${conversationId}:${tid}`);
  prepared(db, 'UPDATE statements SET lang = ?, lang_source = ? WHERE conversation_id = ? AND tid = ?').run(lang, source, conversationId, tid);
  prepared(db, 'DELETE FROM statement_translations WHERE conversation_id = ? AND tid = ? AND lang = ?').run(conversationId, tid, lang);
  touchStatement(db, conversationId, tid);
}

/** Votable statements the participant has not voted on yet, in tid order; with `languages`, only those written in one of them (or in an unknown language). */
export function unvotedStatementIds(db: Database.Database, conversationId: number, pid: number | null, strict: boolean, languages?: readonly string[]): number[] {
  const visible = strict ? filters['visible-strict'] : filters.visible;
  const unvoted = 'NOT EXISTS (SELECT 1 FROM current_votes v WHERE v.conversation_id = s.conversation_id AND v.pid = ? AND v.tid = s.tid)';
  const rows = languages
    ? prepared(db, `SELECT tid FROM statements s WHERE conversation_id = ? AND ${visible} AND ${inLanguages} AND ${unvoted} ORDER BY tid`).all(
        conversationId,
        primarySubtags(languages),
        pid ?? -1,
      )
    : prepared(db, `SELECT tid FROM statements s WHERE conversation_id = ? AND ${visible} AND ${unvoted} ORDER BY tid`).all(conversationId, pid ?? -1);
  return (rows as { tid: number }[]).map((r) => r.tid);
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
