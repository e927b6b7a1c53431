import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/db.js';
import type { KuuloResult, PolisMath } from '@kuulo/core';
import type { ConversationRow } from '../repositories/conversations.js';
import { currentVotesOf, currentVotesPage, historyPage, maxParticipantPid, statementIds, votersIn, type HistoryCursor } from '../repositories/exportPages.js';
import { getMathDocument } from '../repositories/math.js';
import { participantCount, statementCountsByAuthor } from '../repositories/participants.js';
import { listStatements } from '../repositories/statements.js';
import { historyTallies, talliesFor } from '../repositories/tallies.js';
import { translationsFor } from '../repositories/translations.js';
import { lastVoteId } from '../repositories/votes.js';
import { csvLine } from './csvField.js';
import { polisDatetime } from './polisDatetime.js';

// Every export is an async generator of CSV text: each step is one short keyset query and the
// lines it gives, then a turn of the event loop, so a 1 M-vote file never holds the request thread.

export interface CsvExportOptions {
  /** Keep text cells as they are: no `'` before spreadsheet formula characters. Default false. */
  raw?: boolean;
  /** Rows read per query, one chunk of output. Default 2000. */
  chunkRows?: number;
  /** participants-votes.csv: cells written per chunk at most (a participant row has one per statement). Default 200,000. */
  chunkCells?: number;
  /** Only Polis's columns and rows: no `language` / `translations` columns, no `math-mode` row (open data's reportExport). Default false. */
  polisColumns?: boolean;
  /** comments.csv: the author-id written for statements without an author (seeds). Default none: the cell stays empty. */
  seedAuthor?: number | null;
}

const defaults: Required<CsvExportOptions> = { raw: false, chunkRows: 2000, chunkCells: 200_000, polisColumns: false, seedAuthor: null };

/**
 * Polis open-data comments.csv; agrees / disagrees count every vote row, superseded ones included,
 * as Polis's export does. Statements created after the export starts are left out. Two trailing
 * columns Polis's tools ignore carry the languages: `language` (the original's tag) and `translations`
 * (a JSON object, tag → text; empty when none).
 */
export async function* commentsCsv(db: Db, c: ConversationRow, options: CsvExportOptions = {}): AsyncGenerator<string> {
  const { raw, chunkRows, polisColumns, seedAuthor } = { ...defaults, ...options };
  const counts = await historyTallies(db, c.id);
  const lastTid = (await statementIds(db, c.id)).at(-1) ?? -1;
  const header = ['timestamp', 'datetime', 'comment-id', 'author-id', 'agrees', 'disagrees', 'moderated', 'comment-body'];
  let out = csvLine(polisColumns ? header : [...header, 'language', 'translations'], raw);
  for (let after = -1; ; await nextTurn()) {
    const page = (await listStatements(db, c.id, 'all', after, chunkRows)).filter((s) => s.tid <= lastTid);
    const translations = await translationsFor(db, c.id, page.map((s) => s.tid));
    for (const s of page) {
      const k = counts.get(s.tid) ?? { agrees: 0, disagrees: 0 };
      const texts = Object.entries(translations.get(s.tid)!).map(([lang, t]) => [lang, t.text]);
      const translated = texts.length === 0 ? '' : JSON.stringify(Object.fromEntries(texts));
      const fields = [s.createdAt, polisDatetime(s.createdAt), s.tid, s.authorPid ?? seedAuthor, k.agrees, k.disagrees, s.moderation, s.text];
      out += csvLine(polisColumns ? fields : [...fields, s.lang, translated], raw);
    }
    if (out !== '') yield out;
    out = '';
    if (page.length < chunkRows) return;
    after = page.at(-1)!.tid;
  }
}

/**
 * Polis open-data votes.csv: every vote row (history), public sign, by statement, participant, time
 * and arrival id (the order of the earlier all-in-memory sort). History is append-only, so bounding
 * it by the newest vote id at the start makes the file one consistent snapshot.
 */
export async function* votesCsv(db: Db, c: ConversationRow, options: CsvExportOptions = {}): AsyncGenerator<string> {
  const { raw, chunkRows } = { ...defaults, ...options };
  const maxId = await lastVoteId(db, c.id);
  let out = csvLine(['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote'], raw);
  for (let cursor: HistoryCursor = null; ; await nextTurn()) {
    const rows = await historyPage(db, c.id, maxId, cursor, chunkRows);
    for (const v of rows) out += csvLine([v.createdAt, polisDatetime(v.createdAt), v.tid, v.pid, v.vote], raw);
    if (out !== '') yield out;
    out = '';
    if (rows.length < chunkRows) return;
    const last = rows.at(-1)!;
    cursor = [last.tid, last.pid, last.createdAt, last.id];
  }
}

/** Group id per participant from the stored math (empty when unclustered or before any math). */
async function groupOf(db: Db, c: ConversationRow, published: boolean): Promise<Map<number, number>> {
  // Open data publishes only groups at or above the privacy floor: the published result has the others' members ungrouped.
  const doc = await getMathDocument(db, c.id, published ? 'publicResult' : 'result');
  const groups = new Map<number, number>();
  if (!doc?.body) return groups;
  const result = JSON.parse(doc.body) as Pick<KuuloResult, 'participants' | 'participantGroup'>;
  result.participants.forEach((pid, i) => {
    const g = result.participantGroup[i];
    if (g !== null && g !== undefined) groups.set(Number(pid), g);
  });
  return groups;
}

/**
 * Polis open-data participants-votes.csv: one row per voter with group-id, counts and the current
 * vote per statement. Columns and participants are those present at the start; each row is read
 * whole, but current votes change in place, so rows are not one snapshot of the whole file.
 */
export async function* participantsVotesCsv(db: Db, c: ConversationRow, options: CsvExportOptions = {}): AsyncGenerator<string> {
  const { raw, chunkRows, chunkCells, polisColumns } = { ...defaults, ...options };
  const tids = await statementIds(db, c.id);
  const column = new Map(tids.map((tid, i) => [tid, i]));
  const groups = await groupOf(db, c, polisColumns);
  const authored = await statementCountsByAuthor(db, c.id);
  const lastPid = await maxParticipantPid(db, c.id);
  // Few votes per participant and many statements make long rows: bound the cells per chunk too.
  const rowsPerChunk = Math.max(1, Math.floor(chunkCells / Math.max(1, tids.length)));
  let out = csvLine(['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree', ...tids], raw);
  for (let after = -1; after < lastPid; await nextTurn()) {
    let page = await currentVotesPage(db, c.id, after, chunkRows);
    // A full page may end inside a participant: that one is read again next time, unless it fills the page alone.
    if (page.length === chunkRows) {
      const cut = page.at(-1)!.pid;
      page = page[0]!.pid === cut ? await currentVotesOf(db, c.id, cut) : page.slice(0, page.findIndex((v) => v.pid === cut));
    }
    let written = 0;
    for (let i = 0; i < page.length && written < rowsPerChunk; written++) {
      const pid = page[i]!.pid;
      if (pid > lastPid) break;
      const cells = new Array<number | null>(tids.length).fill(null);
      let votes = 0;
      let agrees = 0;
      let disagrees = 0;
      for (; i < page.length && page[i]!.pid === pid; i++) {
        const col = column.get(page[i]!.tid);
        if (col === undefined) continue;
        const vote = page[i]!.vote;
        cells[col] = vote;
        votes++;
        if (vote === 1) agrees++;
        else if (vote === -1) disagrees++;
      }
      out += csvLine([pid, groups.get(pid) ?? null, authored.get(pid) ?? 0, votes, agrees, disagrees, ...cells], raw);
      after = pid;
    }
    if (out !== '') yield out;
    out = '';
    if (written === 0) return;
  }
  if (out !== '') yield out;
}

/**
 * Polis open-data summary.csv (key,value rows). Kuulo counts no page views: `views` is the participant count.
 * A last `math-mode` row (not in Polis's files) lets a re-import keep the conversation's math mode.
 */
export async function* summaryCsv(db: Db, c: ConversationRow, publicUrl: string, options: CsvExportOptions = {}): AsyncGenerator<string> {
  const { raw, chunkRows, polisColumns } = { ...defaults, ...options };
  // Voters are counted a page of participants at a time: one count over 1 M votes would hold the thread.
  let voters = 0;
  for (let after = -1; ; await nextTurn()) {
    const page = await votersIn(db, c.id, after, chunkRows);
    if (page.lastPid === null) break;
    voters += page.voters;
    after = page.lastPid;
  }
  const participants = await participantCount(db, c.id);
  const commenters = (await statementCountsByAuthor(db, c.id)).size;
  const comments = (await statementIds(db, c.id)).length;
  const doc = await getMathDocument(db, c.id, 'result');
  const result = doc?.body ? (JSON.parse(doc.body) as Pick<KuuloResult, 'inConv' | 'groups'>) : null;
  const rows: [string, string | number][] = [
    ['topic', c.topic],
    ['url', publicUrl ? `${publicUrl.replace(/\/$/, '')}/c/${c.slug}` : c.slug],
    ['views', participants],
    ['voters', voters],
    ['voters-in-conv', result?.inConv.length ?? 0],
    ['commenters', commenters],
    ['comments', comments],
    ['groups', result?.groups.length ?? 0],
    ['conversation-description', c.description],
    ['math-mode', c.mode],
  ];
  yield (polisColumns ? rows.slice(0, -1) : rows).map((r) => csvLine(r, raw)).join('');
}

/**
 * Polis comment-groups.csv: per statement its current vote totals, then votes / agrees / disagrees /
 * passes of each published group (group-a, group-b… in math/pca2's group-clusters order). Group
 * figures come from the published math (`publicPolis`), so the privacy floor holds: a statement
 * fewer than the floor of a group voted on has empty cells for that group.
 */
export async function* commentGroupsCsv(db: Db, c: ConversationRow, options: CsvExportOptions = {}): AsyncGenerator<string> {
  const { raw, chunkRows } = { ...defaults, ...options };
  const doc = await getMathDocument(db, c.id, 'publicPolis');
  const math = doc?.body ? (JSON.parse(doc.body) as Pick<PolisMath, 'group-clusters' | 'group-votes'>) : null;
  const groups = (math?.['group-clusters'] ?? []).map((g) => math!['group-votes'][String(g.id)]?.votes ?? {});
  const letters = groups.map((_, i) => String.fromCharCode(97 + i));
  const header = ['comment-id', 'comment', 'total-votes', 'total-agrees', 'total-disagrees', 'total-passes'];
  let out = csvLine([...header, ...letters.flatMap((l) => [`group-${l}-votes`, `group-${l}-agrees`, `group-${l}-disagrees`, `group-${l}-passes`])], raw);
  const lastTid = (await statementIds(db, c.id)).at(-1) ?? -1;
  for (let after = -1; ; await nextTurn()) {
    const page = (await listStatements(db, c.id, 'all', after, chunkRows)).filter((s) => s.tid <= lastTid);
    const tallies = await talliesFor(db, c.id, page.map((s) => s.tid));
    for (const s of page) {
      const t = tallies.get(s.tid) ?? { agree: 0, disagree: 0, pass: 0 };
      // Polis's S counts every vote seen, passes included.
      const cells = groups.flatMap((votes) => {
        const v = votes[String(s.tid)];
        return v ? [v.S, v.A, v.D, v.S - v.A - v.D] : [null, null, null, null];
      });
      out += csvLine([s.tid, s.text, t.agree + t.disagree + t.pass, t.agree, t.disagree, t.pass, ...cells], raw);
    }
    if (out !== '') yield out;
    out = '';
    if (page.length < chunkRows) return;
    after = page.at(-1)!.tid;
  }
}
