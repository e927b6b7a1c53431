import type Database from 'better-sqlite3';
import type { KuuloResult } from '@kuulo/core';
import type { ConversationRow } from '../repositories/conversations.js';
import { getMathDocument } from '../repositories/math.js';
import { participantCount, statementCountsByAuthor } from '../repositories/participants.js';
import { listStatements } from '../repositories/statements.js';
import { iterateCurrentVotes, iterateHistory, voterCount } from '../repositories/votes.js';
import { csvLine } from './csvField.js';
import { polisDatetime } from './polisDatetime.js';

function allStatements(db: Database.Database, c: ConversationRow) {
  return listStatements(db, c.id, 'all', -1, 1_000_000);
}

/** Polis open-data comments.csv; agrees / disagrees count every vote row, superseded ones included, as Polis's export does. */
export function commentsCsv(db: Database.Database, c: ConversationRow): string {
  const counts = new Map<number, { agrees: number; disagrees: number }>();
  for (const v of iterateHistory(db, c.id)) {
    let k = counts.get(v.tid);
    if (!k) counts.set(v.tid, (k = { agrees: 0, disagrees: 0 }));
    if (v.vote === 1) k.agrees++;
    else if (v.vote === -1) k.disagrees++;
  }
  let out = csvLine(['timestamp', 'datetime', 'comment-id', 'author-id', 'agrees', 'disagrees', 'moderated', 'comment-body']);
  for (const s of allStatements(db, c)) {
    const k = counts.get(s.tid) ?? { agrees: 0, disagrees: 0 };
    out += csvLine([s.createdAt, polisDatetime(s.createdAt), s.tid, s.authorPid, k.agrees, k.disagrees, s.moderation, s.text]);
  }
  return out;
}

/** Polis open-data votes.csv: every vote row (history), public sign, by statement, participant and time. */
export function votesCsv(db: Database.Database, c: ConversationRow): string {
  const rows = [...iterateHistory(db, c.id)].sort((a, b) => a.tid - b.tid || a.pid - b.pid || a.createdAt - b.createdAt || a.id - b.id);
  let out = csvLine(['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote']);
  for (const v of rows) out += csvLine([v.createdAt, polisDatetime(v.createdAt), v.tid, v.pid, v.vote]);
  return out;
}

/** Group id per participant from the stored math (empty when unclustered or before any math). */
function groupOf(db: Database.Database, c: ConversationRow): Map<number, number> {
  const doc = getMathDocument(db, c.id, 'result');
  const groups = new Map<number, number>();
  if (!doc?.body) return groups;
  const result = JSON.parse(doc.body) as Pick<KuuloResult, 'participants' | 'participantGroup'>;
  result.participants.forEach((pid, i) => {
    const g = result.participantGroup[i];
    if (g !== null && g !== undefined) groups.set(Number(pid), g);
  });
  return groups;
}

/** Polis open-data participants-votes.csv: one row per voter with group-id, counts and the current vote per statement. */
export function participantsVotesCsv(db: Database.Database, c: ConversationRow): string {
  const tids = allStatements(db, c).map((s) => s.tid);
  const column = new Map(tids.map((tid, i) => [tid, i]));
  const groups = groupOf(db, c);
  const authored = statementCountsByAuthor(db, c.id);
  let out = csvLine(['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree', ...tids]);
  let pid = -1;
  let cells: (number | null)[] = [];
  const flush = () => {
    if (pid < 0) return;
    const votes = cells.filter((v) => v !== null);
    out += csvLine([pid, groups.get(pid) ?? null, authored.get(pid) ?? 0, votes.length, votes.filter((v) => v === 1).length, votes.filter((v) => v === -1).length, ...cells]);
  };
  for (const v of iterateCurrentVotes(db, c.id)) {
    if (v.pid !== pid) {
      flush();
      pid = v.pid;
      cells = new Array<number | null>(tids.length).fill(null);
    }
    const i = column.get(v.tid);
    if (i !== undefined) cells[i] = v.vote;
  }
  flush();
  return out;
}

/**
 * Polis open-data summary.csv (key,value rows). Kuulo counts no page views: `views` is the participant count.
 * A last `math-mode` row (not in Polis's files) lets a re-import keep the conversation's math mode.
 */
export function summaryCsv(db: Database.Database, c: ConversationRow, publicUrl: string): string {
  const voters = voterCount(db, c.id);
  const participants = participantCount(db, c.id);
  const commenters = statementCountsByAuthor(db, c.id).size;
  const comments = allStatements(db, c).length;
  const doc = getMathDocument(db, c.id, 'result');
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
  return rows.map((r) => csvLine(r)).join('');
}
