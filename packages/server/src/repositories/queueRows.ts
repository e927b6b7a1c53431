import type { Db } from '../db/db.js';
import type { Moderation } from './statements.js';

/** What the moderation queue filters, searches and sorts on: one light row per statement. */
export interface QueueRow {
  tid: number;
  authorPid: number | null;
  moderation: Moderation;
  isMeta: boolean;
  /** Current votes (agree + disagree + pass). */
  votes: number;
  /** The original text; '' unless asked for (a search). */
  text: string;
}

export type QueueRowFilter = 'all' | 'pending' | 'accepted' | 'rejected' | 'meta' | 'unrejected';

const conditions: Record<QueueRowFilter, string> = {
  all: '1 = 1',
  pending: 's.moderation = 0',
  accepted: 's.moderation = 1',
  rejected: 's.moderation = -1',
  meta: 's.is_meta = 1',
  unrejected: 's.moderation >= 0',
};

/** Every statement matching `filter`, in tid order; `withText` adds the original text (for a search). */
export async function queueRows(db: Db, conversationId: number, filter: QueueRowFilter, withText: boolean): Promise<QueueRow[]> {
  const rows = await db.all(`SELECT s.tid, s.author_pid, s.moderation, s.is_meta, ${withText ? 's.text' : "''"} AS text, coalesce(t.agree + t.disagree + t.pass, 0) AS votes
     FROM statements s LEFT JOIN statement_tallies t ON t.conversation_id = s.conversation_id AND t.tid = s.tid
     WHERE s.conversation_id = ? AND ${conditions[filter]} ORDER BY s.tid`, conversationId) as { tid: number; author_pid: number | null; moderation: Moderation; is_meta: number; text: string; votes: number }[];
  return rows.map((r) => ({ tid: r.tid, authorPid: r.author_pid, moderation: r.moderation, isMeta: r.is_meta === 1, votes: r.votes, text: r.text }));
}

/** Every translation's text by statement (a search looks in them too). */
export async function translationTexts(db: Db, conversationId: number): Promise<Map<number, string[]>> {
  const rows = await db.all('SELECT tid, text FROM statement_translations WHERE conversation_id = ?', conversationId) as { tid: number; text: string }[];
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const list = out.get(r.tid);
    if (list) list.push(r.text);
    else out.set(r.tid, [r.text]);
  }
  return out;
}

export type QueueRowOrder = 'oldest' | 'newest' | 'votes';

const orders: Record<QueueRowOrder, string> = { oldest: 's.tid', newest: 's.tid DESC', votes: 'votes DESC, s.tid' };

/**
 * One page of the statements matching `filter` in `order`, sorted and cut by SQL (no search, no
 * similarity): from the `offset`-th, or with `afterTid` (order 'oldest') from the first after it.
 * `start` is the page's position in the whole list; `total` counts every matching statement.
 */
export async function queueRowsPage(
  db: Db,
  conversationId: number,
  filter: QueueRowFilter,
  order: QueueRowOrder,
  from: { afterTid?: number; offset: number },
  limit: number,
): Promise<{ rows: QueueRow[]; start: number; total: number }> {
  const where = `s.conversation_id = ? AND ${conditions[filter]}`;
  const total = (await db.get(`SELECT count(*) AS n FROM statements s WHERE ${where}`, conversationId) as { n: number }).n;
  const after = from.afterTid !== undefined;
  const start = after ? (await db.get(`SELECT count(*) AS n FROM statements s WHERE ${where} AND s.tid <= ?`, conversationId, from.afterTid) as { n: number }).n : from.offset;
  const rows = await db.all(`SELECT s.tid, s.author_pid, s.moderation, s.is_meta, coalesce(t.agree + t.disagree + t.pass, 0) AS votes
     FROM statements s LEFT JOIN statement_tallies t ON t.conversation_id = s.conversation_id AND t.tid = s.tid
     WHERE ${where} ${after ? 'AND s.tid > ?' : ''} ORDER BY ${orders[order]} LIMIT ? OFFSET ?`, ...[conversationId, ...(after ? [from.afterTid] : []), limit, after ? 0 : from.offset]) as { tid: number; author_pid: number | null; moderation: Moderation; is_meta: number; votes: number }[];
  return { rows: rows.map((r) => ({ tid: r.tid, authorPid: r.author_pid, moderation: r.moderation, isMeta: r.is_meta === 1, votes: r.votes, text: '' })), start, total };
}
