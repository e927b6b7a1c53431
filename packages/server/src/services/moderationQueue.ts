import type { Db } from '../db/db.js';
import { apiError } from '../errors.js';
import { queueRows, queueRowsPage, translationTexts, type QueueRow, type QueueRowFilter, type QueueRowOrder } from '../repositories/queueRows.js';
import { statementsByIds } from '../repositories/statements.js';
import { talliesFor } from '../repositories/tallies.js';
import { translationsFor } from '../repositories/translations.js';
import { similarFor, type SimilarityResult } from '../similarity/similarFor.js';
import { participantFlags, type ParticipantFlag } from './participantFlags.js';
import { moderationName, queueItemOut } from './statementView.js';

/** How many of each statement's most similar ones the page carries the text of. */
const relatedPerItem = 3;

export type QueueState = 'pending' | 'accepted' | 'rejected' | 'meta' | 'flagged' | 'all';
export type QueueSort = 'oldest' | 'newest' | 'votes' | 'similar';

export interface QueueQuery {
  /** Default 'pending'. */
  state?: QueueState;
  /** Words the text (original or a translation) must contain, or a statement number (`12`, `#12`). */
  q?: string;
  /** Default 'oldest' (statement id order). */
  sort?: QueueSort;
  /** With sort 'oldest' only: statements with ids after this one. */
  after?: number;
  /** Statements to skip (any sort). Default 0. */
  offset?: number;
  /** Default 50. */
  limit?: number;
}

type Similarity = Map<number, SimilarityResult>;
const similarityOf = async (db: Db, conversationId: number, tids: number[]): Promise<Similarity> => await similarFor(db, conversationId, tids);

/** What the search compares: lower case, Unicode-normalised, runs of white space as one. */
const fold = (text: string): string => text.normalize('NFC').toLowerCase().replaceAll(/\s+/g, ' ');

/** Whether a row matches every word of the search, or is the statement it names by number. */
function searcher(q: string, translations: Map<number, string[]>): (row: QueueRow) => boolean {
  const words = fold(q).trim().split(' ').filter(Boolean);
  const number = /^#?(\d{1,10})$/.exec(q.trim());
  const id = number ? Number(number[1]) : null;
  return (row) => {
    if (row.tid === id) return true;
    const haystack = fold([row.text, ...(translations.get(row.tid) ?? [])].join('\n'));
    return words.every((w) => haystack.includes(w));
  };
}

/**
 * One page of the moderation queue: statements in `state` matching the search, sorted. 'flagged' is
 * every statement not rejected that likely repeats another or whose author has a flood or bad-faith flag.
 * A state in id or vote order is paged by SQL; a search, 'flagged' and 'similar' filter and sort light
 * rows (ids, author, votes; text only when searching) in memory, since search needs Unicode case
 * folding that plain SQL LIKE lacks and similarity lives in the provider's index.
 */
export async function moderationQueue(db: Db, conversationId: number, query: QueueQuery) {
  const state = query.state ?? 'pending';
  const sort = query.sort ?? 'oldest';
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  if (query.after !== undefined && sort !== 'oldest') throw apiError('VALIDATION_FAILED', `querystring/after pages the 'oldest' order only, not sort '${sort}': use offset`);
  const q = query.q?.trim() ?? '';
  const filter: QueueRowFilter = state === 'flagged' ? 'unrejected' : state;
  // Similarity and flags are needed for every row only to filter or sort by them; otherwise for the page alone.
  const needAll = state === 'flagged' || sort === 'similar';
  let similarity: Similarity = new Map();
  let flags = new Map<number, ParticipantFlag[]>();
  let page: QueueRow[];
  let start: number;
  let total: number;
  if (q === '' && !needAll) {
    // The common case, a state in some order: SQL sorts and cuts the page.
    ({ rows: page, start, total } = await queueRowsPage(db, conversationId, filter, sort as QueueRowOrder, { ...(query.after !== undefined && { afterTid: query.after }), offset }, limit));
  } else {
    let rows = await queueRows(db, conversationId, filter, q !== '');
    if (q !== '') rows = rows.filter(searcher(q, await translationTexts(db, conversationId)));
    if (needAll) {
      similarity = await similarityOf(db, conversationId, rows.map((r) => r.tid));
      flags = await participantFlags(db, conversationId, authors(rows));
    }
    if (state === 'flagged') rows = rows.filter((r) => (similarity.get(r.tid)?.duplicateOf ?? null) !== null || (r.authorPid !== null && flags.has(r.authorPid)));
    const best = (tid: number): number => similarity.get(tid)?.similar[0]?.score ?? -1;
    const byTid = (a: QueueRow, b: QueueRow): number => a.tid - b.tid;
    const order: Record<QueueSort, (a: QueueRow, b: QueueRow) => number> = {
      oldest: byTid,
      newest: (a, b) => b.tid - a.tid,
      votes: (a, b) => b.votes - a.votes || byTid(a, b),
      similar: (a, b) => best(b.tid) - best(a.tid) || byTid(a, b),
    };
    if (sort !== 'oldest') rows.sort(order[sort]);
    const from = query.after !== undefined ? rows.findIndex((r) => r.tid > query.after!) : offset;
    start = from < 0 ? rows.length : from;
    page = rows.slice(start, start + limit);
    total = rows.length;
  }
  const more = start + limit < total;

  const tids = page.map((r) => r.tid);
  if (!needAll) {
    similarity = await similarityOf(db, conversationId, tids);
    flags = await participantFlags(db, conversationId, authors(page));
  }
  const statements = new Map((await statementsByIds(db, conversationId, tids)).map((s) => [s.tid, s]));
  // The statements the page's hints name, so the moderator can compare texts without another request.
  const named = tids.flatMap((tid) => {
    const hint = similarity.get(tid);
    return hint ? [...hint.similar.slice(0, relatedPerItem).map((s) => s.statementId), ...(hint.duplicateOf === null ? [] : [hint.duplicateOf])] : [];
  });
  const related = (await statementsByIds(db, conversationId, named)).map((s) => ({ id: s.tid, text: s.text, lang: s.lang, moderation: moderationName[s.moderation] }));
  const tallies = await talliesFor(db, conversationId, tids);
  const translations = await translationsFor(db, conversationId, tids);
  return {
    items: tids.map((tid) => {
      const s = statements.get(tid)!;
      return { ...queueItemOut(s, translations.get(tid)!, tallies.get(tid), similarity.get(tid)), authorFlags: (s.authorPid !== null && flags.get(s.authorPid)) || [] };
    }),
    next: more && sort === 'oldest' ? page.at(-1)!.tid : null,
    nextOffset: more ? start + limit : null,
    total,
    related,
  };
}

const authors = (rows: readonly { authorPid: number | null }[]): number[] => [...new Set(rows.flatMap((r) => (r.authorPid === null ? [] : [r.authorPid])))];
