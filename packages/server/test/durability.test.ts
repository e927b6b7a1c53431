import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDb } from '../src/db/sqlite.js';
import { afterAll, describe, expect, test } from 'vitest';
import { exited, startServer, type ServerProcess } from './serverProcess.js';

const admin = 'kadm_durability-test-admin-key-000';
const dir = mkdtempSync(join(tmpdir(), 'kuulo-durable-'));
const dbPath = join(dir, 'kuulo.db');
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const s of running) s.child.kill('SIGKILL');
  await Promise.all(running.map((s) => exited(s.child)));
  rmSync(dir, { recursive: true, force: true });
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('durability', () => {
  test('every acknowledged vote survives SIGKILL of a server under vote load', async () => {
    const args = ['--workers', '1', '--db', dbPath, '--rate-per-address', '0', '--rate-per-participant', '0', '--debounce-ms', '50'];
    const first = await startServer(args, { KUULO_ADMIN_KEY: admin });
    running.push(first);
    const base = first.url;
    const created = await post(`${base}/api/v1/conversations`, { id: 'durable', topic: 'Durability' }, { authorization: `Bearer ${admin}` });
    expect(created.status).toBe(201);
    const moderatorKey = created.json.moderatorKey as string;
    const api = `${base}/api/v1/conversations/durable`;
    for (let i = 0; i < 20; i++) expect((await post(`${api}/seeds`, { text: `Statement ${i}` }, { authorization: `Bearer ${moderatorKey}` })).status).toBe(201);
    const tokens: string[] = [];
    for (let i = 0; i < 40; i++) tokens.push((await post(`${api}/participants`, {})).json.token as string);

    // Many concurrent voters; SIGKILL lands while requests are in flight.
    const acked: { token: number; tid: number; vote: string; createdAt: number }[] = [];
    let stop = false;
    let failures = 0;
    const voter = async (seed: number) => {
      let x = seed;
      while (!stop) {
        x = (x * 1103515245 + 12345) >>> 0;
        const token = x % tokens.length;
        const tid = (x >>> 8) % 20;
        const vote = ['agree', 'disagree', 'pass'][(x >>> 16) % 3]!;
        try {
          const res = await post(`${api}/votes`, { statementId: tid, vote }, { 'x-participant-token': tokens[token]! });
          if (res.status === 200) acked.push({ token, tid, vote, createdAt: res.json.createdAt as number });
        } catch {
          failures++;
          return;
        }
      }
    };
    const voters = Array.from({ length: 24 }, (_, i) => voter(i + 1));
    while (acked.length < 600) await new Promise((r) => setTimeout(r, 10));
    first.child.kill('SIGKILL');
    await exited(first.child);
    stop = true;
    await Promise.all(voters);
    expect(failures).toBeGreaterThan(0);

    // The database opens and the server serves again after the crash.
    const second = await startServer(args, { KUULO_ADMIN_KEY: admin });
    running.push(second);
    const after = await fetch(`${second.url}/api/v1/conversations/durable`);
    expect(after.status).toBe(200);
    second.child.kill('SIGTERM');
    await exited(second.child);

    const db = new SqliteDb(new Database(dbPath, { readonly: true }));
    const pidOf = new Map<number, number>();
    const mine = (await db.all("SELECT p.pid FROM participants p JOIN conversations c ON c.id = p.conversation_id WHERE c.slug = 'durable' ORDER BY p.pid")) as { pid: number }[];
    mine.forEach((r, i) => pidOf.set(i, r.pid));
    const find = db.connection.prepare(
      "SELECT count(*) AS n FROM votes v JOIN conversations c ON c.id = v.conversation_id WHERE c.slug = 'durable' AND v.pid = ? AND v.tid = ? AND v.vote = ? AND v.created_at = ?",
    );
    const value = { agree: 1, disagree: -1, pass: 0 } as Record<string, number>;
    const lost = acked.filter((a) => (find.get(pidOf.get(a.token), a.tid, value[a.vote], a.createdAt) as { n: number }).n === 0);
    const stored = ((await db.get("SELECT count(*) AS n FROM votes v JOIN conversations c ON c.id = v.conversation_id WHERE c.slug = 'durable'")) as { n: number }).n;
    await db.close();
    expect(acked.length).toBeGreaterThanOrEqual(600);
    expect(stored).toBeGreaterThanOrEqual(acked.length);
    expect(lost).toEqual([]);
  });
});

describe('math after a crash', () => {
  const mathDb = join(dir, 'math.db');
  const args = (debounceMs: number) => ['--workers', '1', '--db', mathDb, '--rate-per-address', '0', '--rate-per-participant', '0', '--debounce-ms', String(debounceMs)];
  const env = { KUULO_ADMIN_KEY: admin };
  const get = async (url: string) => (await fetch(url)).json() as Promise<Record<string, unknown>>;
  async function crash(server: ServerProcess) {
    server.child.kill('SIGKILL');
    await exited(server.child);
  }
  // Two camps over six statements, so the math forms groups.
  async function campVotes(api: string, count: number, offset = 0) {
    for (let p = 0; p < count; p++) {
      const token = (await post(`${api}/participants`, {})).json.token as string;
      for (let tid = 0; tid < 6; tid++) {
        const vote = ((p + offset) % 2 === 0) === tid < 3 ? 'agree' : 'disagree';
        expect((await post(`${api}/votes`, { statementId: tid, vote }, { 'x-participant-token': token })).status).toBe(200);
      }
    }
  }

  test('votes acknowledged within the debounce before SIGKILL are pending after a restart and then reach the math, also in a closed conversation', async () => {
    // A debounce far longer than the test: the kill always lands inside it.
    const first = await startServer(args(600_000), env);
    running.push(first);
    const keys: Record<string, string> = {};
    for (const id of ['catchup', 'closing']) {
      const created = await post(`${first.url}/api/v1/conversations`, { id, topic: id }, { authorization: `Bearer ${admin}` });
      keys[id] = created.json.moderatorKey as string;
      for (let i = 0; i < 6; i++) expect((await post(`${first.url}/api/v1/conversations/${id}/seeds`, { text: `Statement ${i}` }, { authorization: `Bearer ${keys[id]}` })).status).toBe(201);
    }
    const catchup = `${first.url}/api/v1/conversations/catchup`;
    await campVotes(catchup, 10);
    expect((await post(`${catchup}/math/recompute`, {}, { authorization: `Bearer ${keys.catchup}` })).json).toMatchObject({ tick: 1, pending: false });
    await campVotes(catchup, 20, 10);
    const closing = `${first.url}/api/v1/conversations/closing`;
    await campVotes(closing, 24);
    const closed = await fetch(closing, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.closing}` }, body: JSON.stringify({ open: false }) });
    expect(closed.status).toBe(200);
    expect(await get(`${catchup}/math/status`)).toMatchObject({ tick: 1, pending: true });
    await crash(first);

    // Restarted with the same long debounce: the unseen votes show as pending, the math is still the old one.
    const second = await startServer(args(600_000), env);
    running.push(second);
    const api = (id: string, server: ServerProcess) => `${server.url}/api/v1/conversations/${id}`;
    expect(await get(`${api('catchup', second)}/math/status`)).toMatchObject({ tick: 1, pending: true });
    expect(await get(`${api('closing', second)}/math/status`)).toMatchObject({ tick: 0, pending: true });
    expect(((await get(`${api('catchup', second)}/math`)).result as { participants: unknown[] }).participants).toHaveLength(10);
    await crash(second);

    // Restarted with a short debounce: both are recomputed on start with every acknowledged vote.
    const third = await startServer(args(50), env);
    running.push(third);
    for (const [id, tick, participants] of [['catchup', 2, 30], ['closing', 1, 24]] as const) {
      let status: Record<string, unknown> = {};
      for (let i = 0; i < 400; i++) {
        status = await get(`${api(id, third)}/math/status`);
        if ((status.tick as number) >= tick && !status.pending && !status.running) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(status).toMatchObject({ tick, pending: false, running: false, error: null });
      const result = (await get(`${api(id, third)}/math`)).result as { participants: unknown[]; groups: { size: number }[] };
      expect(result.participants).toHaveLength(participants);
      expect(result.groups.reduce((n, g) => n + g.size, 0)).toBe(participants);
    }
    expect((await get(api('closing', third))).open).toBe(false);
    await crash(third);
  });
});
