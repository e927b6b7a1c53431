import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { adminKey, build, createConversation, join, onPostgres, seed } from '../helper.js';
import { syntheticExport } from '../polis/syntheticExport.js';

// A real listening server and fetch: the import's upload, its worker and its commits, and the export's
// stream all go through the same event loop as the votes on the small conversation.
// SQLite writes on the request thread, which is what this guards; PostgreSQL writes off it, and its row-at-a-time import of 300,000 votes takes minutes (kuulo migrate batches).
test.skipIf(onPostgres)('votes on another conversation are answered while a 300,000-vote import is written and a 300,000-vote votes.csv streams', { timeout: 180_000 }, async () => {
  const t = await build({ importBodyLimit: 64 * 1024 * 1024 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/conversations`;
  const admin = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };

  const small = await createConversation(t, { id: 'small' });
  const tids = await seed(t, small.id, ['one', 'two', 'three']);
  const { token } = await join(t, small.id);
  const first = await fetch(`${base}/import`, { method: 'POST', headers: admin, body: JSON.stringify({ id: 'big', format: 'polis-csv', sign: 'export', files: syntheticExport(300_000) }) });
  expect(first.status).toBe(201);
  const { moderatorKey } = (await first.json()) as { moderatorKey: string };

  let importing = true;
  let exporting = true;
  const body = JSON.stringify({ id: 'second', format: 'polis-csv', sign: 'export', files: syntheticExport(300_000, { participants: 3000 }) });
  const imported = fetch(`${base}/import`, { method: 'POST', headers: admin, body }).then(async (r) => {
    await r.text();
    importing = false;
    return r.status;
  });
  const exported = fetch(`${base}/big/export/votes.csv`, { headers: { authorization: `Bearer ${moderatorKey}` } }).then(async (r) => {
    const text = await r.text();
    exporting = false;
    return text.length;
  });
  // Votes answered while the import was in the database but not yet visible, and while the export was streaming.
  let duringImport = 0;
  let duringExport = 0;
  for (let n = 0; importing || exporting; n++) {
    const res = await fetch(`${base}/small/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-participant-token': token },
      body: JSON.stringify({ statementId: tids[n % 3], vote: ['agree', 'disagree', 'pass'][n % 3] }),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    if (importing && (await t.app.db.get("SELECT 1 FROM conversations WHERE slug LIKE '~import-%'"))) duringImport++;
    if (exporting) duringExport++;
  }
  expect(await imported).toBe(201);
  expect(await exported).toBeGreaterThan(10_000_000);
  expect(duringImport).toBeGreaterThan(5);
  expect(duringExport).toBeGreaterThan(5);
});

test('a client that goes away during its import leaves nothing behind', { timeout: 120_000 }, async () => {
  const t = await build({ importBodyLimit: 64 * 1024 * 1024 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/conversations`;
  const pending = async () => (await t.app.db.value("SELECT id FROM conversations WHERE slug LIKE '~import-%'")) as number | undefined;
  const client = new AbortController();
  const body = JSON.stringify({ id: 'gone', format: 'polis-csv', sign: 'export', files: syntheticExport(200_000) });
  const request = fetch(`${base}/import`, { method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, body, signal: client.signal });
  request.catch(() => undefined);
  let id = await pending();
  for (const start = Date.now(); id === undefined; id = await pending()) {
    if (Date.now() - start > 60_000) throw new Error('no import was seen being written within 60 s');
    await new Promise((r) => setTimeout(r, 5));
  }
  client.abort();
  await expect(request).rejects.toThrow();
  for (const start = Date.now(); await pending() !== undefined; ) {
    if (Date.now() - start > 60_000) throw new Error('the abandoned import was not removed within 60 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  const left = await t.app.db.value(
    'SELECT (SELECT count(*) FROM votes WHERE conversation_id = ?) + (SELECT count(*) FROM current_votes WHERE conversation_id = ?) + (SELECT count(*) FROM participants WHERE conversation_id = ?)',
    id,
    id,
    id,
  );
  expect(left).toBe(0);
  expect((await fetch(`${base}/gone`)).status).toBe(404);
});
