// The default server case: vote throughput of a real Kuulo server on loopback while the math recomputes,
// driven by autocannon. The math runs with the server's defaults (recompute 500 ms after the last vote,
// at least every 2 s under load). Returns one summary: votes_per_s, p50_ms, p99_ms, errors, lost, …
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startServer } from './startServer.js';

export interface VoteThroughputOptions {
  serverDir: string;
  duration: number;
  connections: number;
  maxVotes: number;
  participants: number;
  workers: number;
  debounceMs: number;
}

const admin = 'kadm_server-bench-admin-key-000000';
const conversation = '15-per-hour-seattle';

async function json(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function voteThroughputCase(options: VoteThroughputOptions): Promise<Record<string, unknown>> {
  const { connections, duration, maxVotes } = options;
  const dir = mkdtempSync(join(tmpdir(), 'kuulo-bench-'));
  const dbPath = join(dir, 'bench.db');
  const server = await startServer({
    serverDir: options.serverDir,
    dbPath,
    adminKey: admin,
    args: ['--demo', '--rate-per-address', '0', '--rate-per-participant', '0', '--workers', String(options.workers), '--debounce-ms', String(options.debounceMs)],
  });
  const { url } = server;
  try {
    const api = `${url}/api/v1/conversations/${conversation}`;
    const auth = { authorization: `Bearer ${admin}` };
    await json(`${api}/math/recompute`, { method: 'POST', headers: auth });
    // Statements participants may vote on.
    const statements = (await json(`${api}/statements?limit=500`)).items as { id: number }[];
    const tids = statements.map((s) => s.id);
    // Fresh participants (tokens), created 20 at a time.
    const tokens: string[] = [];
    for (let i = 0; i < options.participants; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, options.participants - i) }, () =>
          json(`${api}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
        ),
      );
      tokens.push(...batch.map((b) => b.token as string));
    }
    const before = (await json(`${api}/math/status`)).tick as number;
    const db = new Database(dbPath, { readonly: true });
    const lastId = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM votes').get() as { n: number }).n;

    // Every acknowledged vote as "pid:tid:vote:createdAt", checked against the database afterwards.
    const ackedVotes: string[] = [];
    let acked = 0;
    let x = 12345;
    const votes = ['agree', 'disagree', 'pass'];
    const instance = autocannon({
      url,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          path: `/api/v1/conversations/${conversation}/votes`,
          setupRequest: (req: autocannon.Request) => {
            x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
            const token = tokens[x % tokens.length]!;
            const body = JSON.stringify({ statementId: tids[(x >>> 11) % tids.length], vote: votes[(x >>> 22) % 3] });
            return { ...req, headers: { 'content-type': 'application/json', 'x-participant-token': token }, body };
          },
          onResponse: (status: number, body: string) => {
            if (status !== 200) return;
            const r = JSON.parse(body) as { statementId: number; vote: string; createdAt: number; participant: { pid: number } };
            ackedVotes.push(`${r.participant.pid}:${r.statementId}:${({ agree: 1, disagree: -1, pass: 0 } as Record<string, number>)[r.vote]}:${r.createdAt}`);
            if (++acked === maxVotes) instance.stop();
          },
        },
      ],
      // Without a callback autocannon returns its instance, which is also a promise of the result.
    }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
    const result = await instance;
    // The last debounced recompute may still be running; it does not affect the votes.
    const after = (await json(`${api}/math/status`)).tick as number;
    const rows = db.prepare('SELECT pid, tid, vote, created_at AS t FROM votes WHERE id > ?').all(lastId) as { pid: number; tid: number; vote: number; t: number }[];
    db.close();
    const stored = rows.length;
    const inDb = new Set(rows.map((r) => `${r.pid}:${r.tid}:${r.vote}:${r.t}`));
    const lost = ackedVotes.filter((v) => !inDb.has(v)).length;
    const seconds = result.duration;
    const summary = {
      votes_per_s: Math.round(acked / seconds),
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      lost,
      acked,
      stored,
      duration_s: Number(seconds.toFixed(2)),
      connections,
      participants: options.participants + 339,
      statements: tids.length,
      math_ticks: after - before,
    };
    console.log(`server bench: ${summary.votes_per_s} votes/s, p50 ${summary.p50_ms} ms, p99 ${summary.p99_ms} ms, ${summary.errors} errors, ${summary.lost} lost, ${summary.math_ticks} math updates`);
    return summary;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
