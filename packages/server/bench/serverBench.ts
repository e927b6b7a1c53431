// Vote throughput of a real Kuulo server on loopback while the math recomputes, driven by autocannon.
// Usage: tsx --conditions=@kuulo/source packages/server/bench/serverBench.ts [--duration 10] [--connections 50]
//        [--max-votes 300000] [--participants 2000] [--workers 2] [--debounce-ms 500]
// The math runs with the server's defaults (recompute 500 ms after the last vote, at least every 2 s under load).
// The last line printed is one JSON object: votes_per_s, p50_ms, p99_ms, errors, lost, …
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'max-votes': { type: 'string', default: '300000' },
    participants: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '2' },
    'debounce-ms': { type: 'string', default: '500' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const maxVotes = Number(values['max-votes']);
const nParticipants = Number(values.participants);
for (const [name, v] of Object.entries({ duration, connections, maxVotes, nParticipants })) {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`--${name} must be a positive integer, got ${v}`);
}

const admin = 'kadm_server-bench-admin-key-000000';
const conversation = '15-per-hour-seattle';
const dir = mkdtempSync(join(tmpdir(), 'kuulo-bench-'));
const dbPath = join(dir, 'bench.db');
const serverEntry = fileURLToPath(new URL('../src/server.ts', import.meta.url));

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      // e.g. KUULO_BENCH_NODE_ARGS=--cpu-prof to profile the server process.
      ...(process.env.KUULO_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--conditions=@kuulo/source',
      '--import',
      'tsx',
      serverEntry,
      ...['--port', '0', '--db', dbPath, '--admin-key', admin, '--demo'],
      ...['--rate-per-address', '0', '--rate-per-participant', '0', '--workers', values.workers, '--debounce-ms', values['debounce-ms']],
    ],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

async function json(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

const { child, url } = await startServer();
try {
  const api = `${url}/api/v1/conversations/${conversation}`;
  const auth = { authorization: `Bearer ${admin}` };
  await json(`${api}/math/recompute`, { method: 'POST', headers: auth });
  // Statements participants may vote on.
  const statements = (await json(`${api}/statements?limit=500`)).items as { id: number }[];
  const tids = statements.map((s) => s.id);
  // Fresh participants (tokens), created 20 at a time.
  const tokens: string[] = [];
  for (let i = 0; i < nParticipants; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, nParticipants - i) }, () =>
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
    participants: nParticipants + 339,
    statements: tids.length,
    math_ticks: after - before,
  };
  console.log(`server bench: ${summary.votes_per_s} votes/s, p50 ${summary.p50_ms} ms, p99 ${summary.p99_ms} ms, ${summary.errors} errors, ${summary.lost} lost, ${summary.math_ticks} math updates`);
  console.log(JSON.stringify(summary));
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
