import { jsonArrayValues, type Db } from '../db/db.js';
import { nextId } from './nextId.js';
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
  all: '1 = 1',
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

export async function insertStatement(db: Db, conversationId: number, s: NewStatement): Promise<StatementRow> {
  const tid = s.tid ?? await nextId(db, 'statements', conversationId);
  await db.run(`INSERT INTO statements (conversation_id, tid, author_pid, text, text_key, lang, lang_source, is_seed, is_meta, moderation, created_at, moderated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, conversationId, tid, s.authorPid, s.text, s.textKey, s.lang, s.langSource, +s.isSeed, +s.isMeta, s.moderation, s.createdAt, s.moderation === 0 ? null : s.createdAt);
  await touchStatement(db, conversationId, tid);
  return { conversationId, tid, authorPid: s.authorPid, text: s.text, lang: s.lang, langSource: s.langSource, isSeed: s.isSeed, isMeta: s.isMeta, moderation: s.moderation, createdAt: s.createdAt, moderatedAt: s.moderation === 0 ? null : s.createdAt };
}

// Every vote looks up its statement: rows are cached per connection and dropped by moderateStatement.
const cache = new WeakMap<Db, Map<string, StatementRow>>();
function cached(db: Db): Map<string, StatementRow> {
  // Other instances change these rows on PostgreSQL: read them fresh there (a lookup by key).
  if (db.dialect === 'postgres') return new Map();
  let map = cache.get(db.root);
  if (!map) cache.set(db.root, (map = new Map()));
  return map;
}

export async function findStatement(db: Db, conversationId: number, tid: number): Promise<StatementRow | undefined> {
  const map = cached(db);
  const key = `${conversationId}:${tid}`;
  const hit = map.get(key);
  if (hit) return hit;
  const raw = await db.get(`SELECT ${columns} FROM statements WHERE conversation_id = ? AND tid = ?`, conversationId, tid) as Raw | undefined;
  if (!raw) return undefined;
  const row = Object.freeze(fromRaw(raw));
  if (map.size >= 100_000) map.clear();
  map.set(key, row);
  return row;
}

export async function textKeyExists(db: Db, conversationId: number, textKey: string): Promise<boolean> {
  return await db.get('SELECT 1 FROM statements WHERE conversation_id = ? AND text_key = ?', conversationId, textKey) !== undefined;
}

/**
 * SQL condition: the statement's original language is unknown or its primary subtag is one of a JSON array
 * of lower-case primary subtags (bound in place of the `?`), so a reader of `sv` gets `sv-FI` too.
 */
const inLanguages = (db: Db) =>
  db.dialect === 'sqlite'
    ? `(lang IS NULL OR lower(substr(lang, 1, instr(lang || '-', '-') - 1)) IN ${jsonArrayValues(db.dialect, 'text')})`
    : `(lang IS NULL OR lower(split_part(lang, '-', 1)) IN ${jsonArrayValues(db.dialect, 'text')})`;

/** The JSON bound to `inLanguages`: each tag's primary subtag, lower-case. */
const primarySubtags = (languages: readonly string[]): string => JSON.stringify([...new Set(languages.map((l) => l.split('-')[0]!.toLowerCase()))]);

/** Statements matching `filter`; with `languages`, only those written in one of them (or in an unknown language). */
export async function countStatements(db: Db, conversationId: number, filter: StatementFilter = 'all', languages?: readonly string[]): Promise<number> {
  if (languages) {
    return (await db.get(`SELECT count(*) AS n FROM statements WHERE conversation_id = ? AND ${filters[filter]} AND ${inLanguages(db)}`, conversationId, primarySubtags(languages)) as { n: number }).n;
  }
  return (await db.get(`SELECT count(*) AS n FROM statements WHERE conversation_id = ? AND ${filters[filter]}`, conversationId) as { n: number }).n;
}

/** Statements a participant wrote in a conversation, rejected ones included (index statements_author). */
export async function countAuthorStatements(db: Db, conversationId: number, pid: number): Promise<number> {
  return (await db.get('SELECT count(*) AS n FROM statements WHERE conversation_id = ? AND author_pid = ?', conversationId, pid) as { n: number }).n;
}

/** One page of statements in tid order after `afterTid`. */
export async function listStatements(db: Db, conversationId: number, filter: StatementFilter, afterTid: number, limit: number): Promise<StatementRow[]> {
  const rows = await db.all(`SELECT ${columns} FROM statements WHERE conversation_id = ? AND ${filters[filter]} AND tid > ? ORDER BY tid LIMIT ?`, conversationId,
    afterTid,
    limit,) as Raw[];
  return rows.map(fromRaw);
}

/** Statements with the given ids (missing ids are skipped), in tid order. */
export async function statementsByIds(db: Db, conversationId: number, tids: number[]): Promise<StatementRow[]> {
  const out: StatementRow[] = [];
  for (const tid of [...new Set(tids)].sort((a, b) => a - b)) {
    const row = (await db.get(`SELECT ${columns} FROM statements WHERE conversation_id = ? AND tid = ?`, conversationId, tid)) as Raw | undefined;
    if (row) out.push(fromRaw(row));
  }
  return out;
}

/**
 * One page, in tid order after `afterTid`, of the statements (any moderation) changed after change
 * number `afterSeq`, each with its tally; `pendingToo` adds every pending statement (their visibility
 * flips when strict moderation is switched). Reads statement_tallies, never the votes.
 */
export async function changedStatements(
  db: Db,
  conversationId: number,
  afterSeq: number,
  pendingToo: boolean,
  afterTid: number,
  limit: number,
): Promise<{ statement: StatementRow; tally: Tally }[]> {
  // Usually few statements changed: read them from the change index and sort those, instead of walking every statement.
  const [tallies, changed] = pendingToo ? ['statement_tallies t', '(t.change_seq > ? OR s.moderation = 0)'] : [db.dialect === 'sqlite' ? 'statement_tallies t INDEXED BY statement_tallies_changes' : 'statement_tallies t', 't.change_seq > ?'];
  const rows = await db.all(`SELECT ${sColumns}, t.agree, t.disagree, t.pass
     FROM ${tallies} JOIN statements s ON s.conversation_id = t.conversation_id AND s.tid = t.tid
     WHERE t.conversation_id = ? AND ${changed} AND t.tid > ? ORDER BY t.tid LIMIT ?`, conversationId, afterSeq, afterTid, limit) as (Raw & Tally)[];
  return rows.map((r) => ({ statement: fromRaw(r), tally: { agree: r.agree, disagree: r.disagree, pass: r.pass } }));
}

export async function moderateStatement(db: Db, conversationId: number, tid: number, change: { moderation?: Moderation; isMeta?: boolean }, now: number): Promise<void> {
  cached(db).delete(`${conversationId}:${tid}`);
  await db.run(`UPDATE statements SET moderation = coalesce(?, moderation), is_meta = coalesce(?, is_meta), moderated_at = ?
     WHERE conversation_id = ? AND tid = ?`, change.moderation ?? null, change.isMeta === undefined ? null : +change.isMeta, now, conversationId, tid);
  await touchStatement(db, conversationId, tid);
}

/**
 * A moderator's correction of the statement's original language; a translation into that language is
 * dropped (the original now is that text). Marks the statement changed; moderated_at stays, so the math is not rerun.
 */
export async function setStatementLang(db: Db, conversationId: number, tid: number, lang: string, source: LangSource): Promise<void> {
  cached(db).delete(`${conversationId}:${tid}`);
  await db.run('UPDATE statements SET lang = ?, lang_source = ? WHERE conversation_id = ? AND tid = ?', lang, source, conversationId, tid);
  await db.run('DELETE FROM statement_translations WHERE conversation_id = ? AND tid = ? AND lang = ?', conversationId, tid, lang);
  await touchStatement(db, conversationId, tid);
}

/** Votable statements the participant has not voted on yet, in tid order; with `languages`, only those written in one of them (or in an unknown language). */
export async function unvotedStatementIds(db: Db, conversationId: number, pid: number | null, strict: boolean, languages?: readonly string[]): Promise<number[]> {
  const visible = strict ? filters['visible-strict'] : filters.visible;
  const unvoted = 'NOT EXISTS (SELECT 1 FROM current_votes v WHERE v.conversation_id = s.conversation_id AND v.pid = ? AND v.tid = s.tid)';
  const rows = languages
    ? await db.all(`SELECT tid FROM statements s WHERE conversation_id = ? AND ${visible} AND ${inLanguages(db)} AND ${unvoted} ORDER BY tid`, conversationId,
        primarySubtags(languages),
        pid ?? -1,)
    : await db.all(`SELECT tid FROM statements s WHERE conversation_id = ? AND ${visible} AND ${unvoted} ORDER BY tid`, conversationId, pid ?? -1);
  return (rows as { tid: number }[]).map((r) => r.tid);
}

/** Every statement's moderation state, for the math. */
export async function moderationStates(db: Db, conversationId: number): Promise<{ tid: number; moderation: Moderation; isMeta: boolean }[]> {
  const rows = await db.all('SELECT tid, moderation, is_meta FROM statements WHERE conversation_id = ? ORDER BY tid', conversationId) as {
    tid: number;
    moderation: Moderation;
    is_meta: number;
  }[];
  return rows.map((r) => ({ tid: r.tid, moderation: r.moderation, isMeta: r.is_meta === 1 }));
}
