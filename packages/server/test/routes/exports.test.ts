import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { findConversation } from '../../src/repositories/conversations.js';
import { demoCsv } from '../demoFiles.js';
import { createConversation, join, onPostgres, seed, sharedApp, vote, type TestApp } from '../helper.js';

// PostgreSQL imports row by row (several round trips a vote): the 50,000-vote vTaiwan import alone takes about a minute there.
const importTimeout = onPostgres ? 240_000 : undefined;
import { legacyCsv } from '../polis/legacyCsvExports.js';

const shared = sharedApp({ importBodyLimit: 20 * 1024 * 1024 });
const csvFiles = ['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv'] as const;

/** A real Polis open-data export from core's fixtures. */
function openData(name: string): Record<'comments.csv' | 'votes.csv' | 'summary.csv', string> {
  const read = (file: string) => readFileSync(new URL(`../../../core/test/fixtures/open-data/${name}/${file}`, import.meta.url), 'utf8');
  return { 'comments.csv': read('comments.csv'), 'votes.csv': read('votes.csv'), 'summary.csv': read('summary.csv') };
}

async function importFiles(t: TestApp, files: Record<string, string>): Promise<{ id: string; moderatorKey: string }> {
  const res = await t.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { format: 'polis-csv', files } });
  if (res.statusCode !== 201) throw new Error(`import failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { conversation: { id: string }; moderatorKey: string };
  return { id: body.conversation.id, moderatorKey: body.moderatorKey };
}

const exportUrl = (id: string, file: string, query = '') => `/api/v1/conversations/${id}/export/${file}${query}`;

describe('GET /api/v1/conversations/:id/export/:file (CSV)', () => {
  test('streamed CSVs equal the earlier all-in-memory exports byte for byte, on the demo and on an imported vTaiwan export', async () => {
    const t = shared();
    for (const files of [demoCsv(), openData('vtaiwan.uberx')]) {
      const { id, moderatorKey } = await importFiles(t, files);
      const row = (await findConversation(t.app.db, id))!;
      for (const file of csvFiles) {
        const raw = await t.call({ method: 'GET', url: exportUrl(id, file, '?raw=true'), auth: moderatorKey });
        expect(raw.statusCode).toBe(200);
        expect(raw.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(raw.body === await legacyCsv(t.app.db, row, file, false), `${id} ${file} ?raw=true`).toBe(true);
        // By default text cells are neutralised exactly as the CLI does it; nothing else changes.
        const safe = await t.call({ method: 'GET', url: exportUrl(id, file), auth: moderatorKey });
        expect(safe.body === await legacyCsv(t.app.db, row, file, true), `${id} ${file}`).toBe(true);
      }
    }
  }, importTimeout);

  test('a client that accepts gzip gets the same streamed CSV compressed', async () => {
    const t = shared();
    const { id, moderatorKey } = await importFiles(t, demoCsv());
    const plain = await t.call({ method: 'GET', url: exportUrl(id, 'votes.csv'), auth: moderatorKey });
    const zipped = await t.call({ method: 'GET', url: exportUrl(id, 'votes.csv'), auth: moderatorKey, headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8') === plain.body).toBe(true);
  });

  test('text that a spreadsheet would run as a formula gets a leading quote mark unless raw=true; numbers never do', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, { topic: '=cmd|"/c calc"!A1', description: '@SUM(1,2)' });
    const [tid] = await seed(t, id, ['=HYPERLINK("http://evil.example","click")', '-2+3 is a statement too']);
    const { token } = await join(t, id);
    expect((await vote(t, id, token, tid!, 'disagree')).statusCode).toBe(200);
    const get = async (file: string, query = '') => (await t.call({ method: 'GET', url: exportUrl(id, file, query), auth: moderatorKey })).body;

    const comments = await get('comments.csv');
    expect(comments).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",,\n`);
    expect(comments).toContain(`,'-2+3 is a statement too,,\n`);
    expect(await get('comments.csv', '?raw=true')).toContain(`,"=HYPERLINK(""http://evil.example"",""click"")",,\n`);
    const summary = await get('summary.csv');
    expect(summary).toContain(`topic,"'=cmd|""/c calc""!A1"\n`);
    expect(summary).toContain(`conversation-description,"'@SUM(1,2)"\n`);
    expect(await get('summary.csv', '?raw=true')).toContain(`conversation-description,"@SUM(1,2)"\n`);
    // Votes are numbers: −1 stays −1 in votes.csv and participants-votes.csv.
    expect((await get('votes.csv')).trimEnd().split('\n')[1]).toMatch(/,0,0,-1$/);
    expect((await get('participants-votes.csv')).trimEnd().split('\n')[1]).toBe('0,,0,1,0,1,-1,');
    const bad = await t.call({ method: 'GET', url: exportUrl(id, 'votes.csv', '?raw=maybe'), auth: moderatorKey });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: 'querystring: raw must be boolean, got "maybe"' });
  });

  test('votes.csv comes in several chunks, read from the database only as the client takes them, as a snapshot of the history', async () => {
    const t = shared();
    const { id, moderatorKey } = await importFiles(t, openData('vtaiwan.uberx'));
    const conversationId = (await findConversation(t.app.db, id))!.id;
    const res = await t.app.inject({ method: 'GET', url: exportUrl(id, 'votes.csv'), headers: { authorization: `Bearer ${moderatorKey}` }, payloadAsStream: true });
    expect(res.statusCode).toBe(200);
    const chunks: Buffer[] = [];
    const reader = (res.stream() as Readable)[Symbol.asyncIterator]();
    chunks.push((await reader.next()).value as Buffer);

    // The file's last row (highest statement and voter) changes, and a newer vote arrives, after the first chunk was read.
    const last = (await t.app.db.get('SELECT id, vote FROM votes WHERE conversation_id = ? ORDER BY tid DESC, pid DESC, created_at DESC, id DESC LIMIT 1', conversationId)) as { id: number; vote: number };
    const changed = last.vote === 1 ? -1 : 1;
    (await t.app.db.run('UPDATE votes SET vote = ? WHERE id = ?', changed, last.id));
    (await t.app.db.run('INSERT INTO votes (conversation_id, pid, tid, vote, created_at) SELECT conversation_id, pid + 1, tid, 1, created_at + 1 FROM votes WHERE id = ?', last.id));
    for (let next = await reader.next(); !next.done; next = await reader.next()) chunks.push(next.value as Buffer);

    const text = Buffer.concat(chunks).toString('utf8');
    const lines = text.trimEnd().split('\n');
    expect(chunks.length).toBeGreaterThan(3);
    // Read after the client took the first chunk: the change shows, but not the vote newer than the request (header + 49,997 votes).
    expect(lines.at(-1)!.endsWith(`,${changed}`)).toBe(true);
    expect(lines).toHaveLength(49_998);
  }, importTimeout);
});
