import type { Db } from '../../src/db/db.js';
import { polisDatetime } from '../../src/polis/polisDatetime.js';

// The CSV exports as they were before streaming (every file built as one string in memory, history
// sorted in JavaScript), kept as the reference the streamed exports must reproduce byte for byte.
// `neutralise` applies the CLI's formula rule (packages/cli/src/csvCell.ts) to text cells.

type Cell = string | number | null | undefined;

function field(value: Cell, neutralise: boolean): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (neutralise && typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (cells: Cell[], neutralise: boolean) => cells.map((c) => field(c, neutralise)).join(',') + '\n';

interface Statement {
  tid: number;
  authorPid: number | null;
  text: string;
  moderation: number;
  createdAt: number;
  lang: string | null;
}
interface History {
  id: number;
  pid: number;
  tid: number;
  vote: number;
  createdAt: number;
}

export async function legacyCsv(
  db: Db,
  c: { id: number; slug: string; topic: string; description: string; mode: string },
  file: 'comments.csv' | 'votes.csv' | 'participants-votes.csv' | 'summary.csv',
  neutralise: boolean,
  publicUrl = '',
): Promise<string> {
  const statements = (await db.all('SELECT tid, author_pid AS authorPid, text, moderation, created_at AS createdAt, lang FROM statements WHERE conversation_id = ? ORDER BY tid', c.id)) as Statement[];
  const history = (await db.all('SELECT id, pid, tid, vote, created_at AS createdAt FROM votes WHERE conversation_id = ? ORDER BY created_at, id', c.id)) as History[];
  const authored = new Map<number, number>();
  for (const s of statements) if (s.authorPid !== null) authored.set(s.authorPid, (authored.get(s.authorPid) ?? 0) + 1);
  if (file === 'comments.csv') {
    const counts = new Map<number, { agrees: number; disagrees: number }>();
    for (const v of history) {
      let k = counts.get(v.tid);
      if (!k) counts.set(v.tid, (k = { agrees: 0, disagrees: 0 }));
      if (v.vote === 1) k.agrees++;
      else if (v.vote === -1) k.disagrees++;
    }
    // Kuulo's trailing columns (issue #13): the original's language and the translations as JSON.
    const translations = new Map<number, Record<string, string>>();
    const rows = (await db.all('SELECT tid, lang, text FROM statement_translations WHERE conversation_id = ? ORDER BY tid, lang', c.id)) as { tid: number; lang: string; text: string }[];
    for (const r of rows) translations.set(r.tid, { ...translations.get(r.tid), [r.lang]: r.text });
    let out = line(['timestamp', 'datetime', 'comment-id', 'author-id', 'agrees', 'disagrees', 'moderated', 'comment-body', 'language', 'translations'], neutralise);
    for (const s of statements) {
      const k = counts.get(s.tid) ?? { agrees: 0, disagrees: 0 };
      const translated = translations.has(s.tid) ? JSON.stringify(translations.get(s.tid)) : '';
      out += line([s.createdAt, polisDatetime(s.createdAt), s.tid, s.authorPid, k.agrees, k.disagrees, s.moderation, s.text, s.lang, translated], neutralise);
    }
    return out;
  }
  if (file === 'votes.csv') {
    const rows = [...history].sort((a, b) => a.tid - b.tid || a.pid - b.pid || a.createdAt - b.createdAt || a.id - b.id);
    let out = line(['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote'], neutralise);
    for (const v of rows) out += line([v.createdAt, polisDatetime(v.createdAt), v.tid, v.pid, v.vote], neutralise);
    return out;
  }
  const current = (await db.all('SELECT pid, tid, vote FROM current_votes WHERE conversation_id = ? ORDER BY pid, tid', c.id)) as { pid: number; tid: number; vote: number }[];
  if (file === 'participants-votes.csv') {
    // No math runs in these tests, so every group-id is empty.
    const tids = statements.map((s) => s.tid);
    const column = new Map(tids.map((tid, i) => [tid, i]));
    let out = line(['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree', ...tids], neutralise);
    let pid = -1;
    let cells: (number | null)[] = [];
    const flush = () => {
      if (pid < 0) return;
      const votes = cells.filter((v) => v !== null);
      out += line([pid, null, authored.get(pid) ?? 0, votes.length, votes.filter((v) => v === 1).length, votes.filter((v) => v === -1).length, ...cells], neutralise);
    };
    for (const v of current) {
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
  const participants = ((await db.get('SELECT count(*) AS n FROM participants WHERE conversation_id = ?', c.id)) as { n: number }).n;
  const rows: [string, string | number][] = [
    ['topic', c.topic],
    ['url', publicUrl ? `${publicUrl.replace(/\/$/, '')}/c/${c.slug}` : c.slug],
    ['views', participants],
    ['voters', new Set(current.map((v) => v.pid)).size],
    ['voters-in-conv', 0],
    ['commenters', authored.size],
    ['comments', statements.length],
    ['groups', 0],
    ['conversation-description', c.description],
    ['math-mode', c.mode],
  ];
  return rows.map((r) => line(r, neutralise)).join('');
}
