// The cluster case of the server bench: vote throughput and vote-to-push latency of N server processes
// on loopback sharing one database (SQLite: one instance only; PostgreSQL: 1 … N instances).
//
// Each run, on fresh data (a new SQLite file, or `CREATE DATABASE kuulo_bench_<random>` on the --db
// server, dropped afterwards):
//   1. starts the first instance (it migrates the fresh database), then the others together;
//   2. creates, through the instances in turn, the load conversation (`--statements` seeds,
//      `--participants` participants) and a small probe conversation (12 seeds, 20 participants);
//   3. under load: autocannon sends votes on the load conversation for `--duration` s over
//      `--connections` connections, assigned to the instances round-robin (autocannon's own multi-URL
//      mode: connection i goes to instance i mod N); meanwhile a child process (pushProbe.ts) votes on
//      the probe conversation through instances 0 … N-2 and follows its event stream on instance N-1,
//      timing vote answer → `math` event (the other instance; with one instance, the same one);
//   4. idle: once the load conversation's math has settled, `--probes` more probes;
//   5. checks every acknowledged vote against the database (`lost`) and stops everything.
// Configurations run interleaved (run 1 of each, then run 2 of each, …) so that drift in the machine's
// load spreads over all of them; each figure is the median over `--runs`, push latencies are pooled.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { PushProbeOptions, PushProbeResult } from './pushProbe.js';
import { startServer, type BenchServer } from './startServer.js';

export interface ClusterConfig {
  backend: 'sqlite' | 'postgres';
  instances: number;
}

export interface ClusterVoteOptions {
  serverDir: string;
  /** The PostgreSQL server's URL (any database on it: the bench creates its own), or undefined for SQLite only. */
  postgresUrl: string | undefined;
  configs: ClusterConfig[];
  runs: number;
  duration: number;
  connections: number;
  maxVotes: number;
  participants: number;
  statements: number;
  workers: number;
  debounceMs: number;
  /** Idle probes per run (under load, as many as fit in --duration). */
  probes: number;
}

const admin = 'kadm_server-bench-admin-key-000000';
const loadId = 'bench-load';
const probeId = 'bench-probe';
const probeGapMs = 100;
const probeTimeoutMs = 15_000;

/** The URL with its password (if any) replaced, for anything printed; a file path as it is. */
export function redact(url: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return '(an unparseable URL)';
  }
}

async function json<T = Record<string, unknown>>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  json(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Nearest-rank quantile of ms values, to 0.1 ms; null without values. */
function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! * 10) / 10;
}

const median = (values: number[]) => quantile(values, 0.5);

/** comm, parent pid and CPU time (ms, all threads) of a process, from /proc (Linux); undefined elsewhere or once it is gone. */
function procStat(pid: number): { comm: string; ppid: number; ms: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // ppid is field 4 of stat, utime and stime fields 14 and 15 (1, 11 and 12 after the comm), in clock ticks (100 Hz).
    return { comm, ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return undefined;
  }
}

/**
 * CPU time (ms) of the server processes, and of each child of the PostgreSQL server's postmaster (its
 * backends and background processes: not another PostgreSQL on the machine, e.g. a test suite's).
 */
function cpuMs(pids: number[], postmaster: number | null): { servers: number; postgres: Map<number, number> } {
  const read = procStat;
  const servers = pids.reduce((sum, pid) => sum + (read(pid)?.ms ?? 0), 0);
  const postgres = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    // Not Linux: no CPU figures.
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    if (postmaster === null) break;
    const s = read(Number(e));
    if (s?.comm === 'postgres' && (s.ppid === postmaster || Number(e) === postmaster)) postgres.set(Number(e), s.ms);
  }
  return { servers, postgres };
}

/** A fresh database on the PostgreSQL server, and how to drop it. */
async function freshPostgres(serverUrl: string): Promise<{ url: string; name: string; postmaster: number | null; drop: () => Promise<void> }> {
  const name = `kuulo_bench_${randomBytes(6).toString('hex')}`;
  const asAdmin = async (run: (c: pg.Client) => Promise<unknown>) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await run(client);
    } finally {
      await client.end();
    }
  };
  // template0 with the C collation, as the server's tests do: text sorts by code point, as in SQLite.
  let postmaster: number | null = null;
  await asAdmin(async (c) => {
    await c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    // Our backend's parent is the postmaster, if the server runs on this machine (and we may read /proc).
    const backend = Number((await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
    const own = procStat(backend);
    if (own?.comm === 'postgres') postmaster = own.ppid;
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    name,
    postmaster,
    drop: () =>
      asAdmin(async (c) => {
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
      }),
  };
}

/** What the run in progress holds: stopped, dropped and removed in this order, also when the bench is interrupted. */
let cleanup: (() => Promise<void>) | null = null;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    process.stderr.write(`${signal}: stopping the servers, dropping the bench database\n`);
    void (cleanup ?? (() => Promise.resolve()))().finally(() => process.exit(130));
  });
}

interface RunResult {
  votesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  acked: number;
  errors: number;
  lost: number;
  stored: number;
  durationS: number;
  mathTicks: number;
  /** Acknowledged votes per instance (connections are assigned round-robin, the votes follow each instance's speed). */
  ackedPerInstance: number[];
  push: { underLoad: PushProbeResult; idle: PushProbeResult };
  cpuPercentOfOneCore: { bench: number; servers: number; postgres: number | null };
  loadavg1Before: number;
}

/** Creates a conversation with seeds and participants, spreading the requests over the instances. */
async function createConversation(bases: string[], id: string, topic: string, statements: number, participants: number): Promise<{ tokens: string[]; statementIds: number[] }> {
  const created = await post(`${bases[0]}/api/v1/conversations`, { id, topic }, { authorization: `Bearer ${admin}` });
  const moderatorKey = created.moderatorKey as string;
  const path = `/api/v1/conversations/${id}`;
  for (let i = 0; i < statements; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, statements - i) }, (_, j) =>
        post(`${bases[(i + j) % bases.length]}${path}/seeds`, { text: `Bench statement ${i + j + 1} of ${topic}` }, { authorization: `Bearer ${moderatorKey}` }),
      ),
    );
  }
  const statementIds = (await json<{ items: { id: number }[] }>(`${bases[0]}${path}/statements?limit=500`)).items.map((s) => s.id);
  if (statementIds.length !== statements) throw new Error(`${id}: ${statementIds.length} statements listed, ${statements} seeded`);
  const tokens: string[] = [];
  for (let i = 0; i < participants; i += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, participants - i) }, (_, j) => post(`${bases[(i + j) % bases.length]}${path}/participants`, {})));
    tokens.push(...batch.map((b) => b.token as string));
  }
  return { tokens, statementIds };
}

/** Waits until no instance has the conversation's math pending or running. */
async function settle(bases: string[], id: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(bases.map((b) => json<{ tick: number; pending: boolean; running: boolean }>(`${b}/api/v1/conversations/${id}/math/status`)));
    if (states.every((s) => !s.pending && !s.running)) return Math.max(...states.map((s) => s.tick));
    if (Date.now() > deadline) throw new Error(`${id}: math still pending or running after ${timeoutMs} ms: ${JSON.stringify(states)}`);
    await sleep(200);
  }
}

async function runOnce(o: ClusterVoteOptions, config: ClusterConfig): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kuulo-bench-'));
  let database: Awaited<ReturnType<typeof freshPostgres>> | undefined;
  const servers: BenchServer[] = [];
  let probe: ReturnType<typeof fork> | undefined;
  let cleaned: Promise<void> | undefined;
  // Servers first: they hold connections to the database that is dropped next.
  const clean = () =>
    (cleaned ??= (async () => {
      if (probe && probe.exitCode === null) probe.kill();
      await Promise.allSettled(servers.map((s) => s.stop()));
      if (database) {
        await database.drop().catch((error: unknown) => process.stderr.write(`could not drop ${database!.name}: ${error instanceof Error ? error.message : String(error)}\n`));
      }
      rmSync(dir, { recursive: true, force: true });
    })());
  cleanup = clean;
  try {
    let db: string;
    if (config.backend === 'postgres') {
      database = await freshPostgres(o.postgresUrl!);
      db = database.url;
    } else db = join(dir, 'bench.db');
    const args = ['--rate-per-address', '0', '--rate-per-participant', '0', '--workers', String(o.workers), '--debounce-ms', String(o.debounceMs)];
    // The first instance alone (it migrates the fresh database), then the others together: starting them
    // at once races for the migrations and the rate-limit table, which is the tests' business, not a bench's.
    servers.push(await startServer({ serverDir: o.serverDir, dbPath: db, adminKey: admin, args }));
    const started = await Promise.allSettled(Array.from({ length: config.instances - 1 }, () => startServer({ serverDir: o.serverDir, dbPath: db, adminKey: admin, args })));
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const bases = servers.map((s) => s.url);

    const load = await createConversation(bases, loadId, 'Bench load', o.statements, o.participants);
    const probeSet = await createConversation(bases, probeId, 'Bench probe', 12, 20);
    // A first tick of each conversation, so the probes time warm computations.
    const first = await fetch(`${bases[0]}/api/v1/conversations/${probeId}/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-participant-token': probeSet.tokens[0]! },
      body: JSON.stringify({ statementId: probeSet.statementIds[0], vote: 'agree' }),
    });
    if (first.status !== 200) throw new Error(`first probe vote: ${first.status} ${await first.text()}`);
    await settle(bases, probeId, 60_000);

    probe = fork(fileURLToPath(new URL('./pushProbe.ts', import.meta.url)), [], { execArgv: ['--conditions=@kuulo/source', '--import', 'tsx'] });
    const child = probe;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`push probe process exited with ${code}`))));
    // Only a race with an answer awaits it; an exit after the last answer is not an error.
    exited.catch(() => undefined);
    const next = <T>(): Promise<T> => {
      const answer = Promise.race([new Promise<T>((done) => child.once('message', (m) => done(m as T))), exited]);
      // Awaited later (after the load): until then a rejection must not count as unhandled.
      answer.catch(() => undefined);
      return answer;
    };
    const probeOptions: PushProbeOptions = {
      voteBases: bases.length > 1 ? bases.slice(0, -1) : bases,
      streamBase: bases.at(-1)!,
      conversation: probeId,
      tokens: probeSet.tokens,
      statementIds: probeSet.statementIds,
      gapMs: probeGapMs,
      quietMs: o.debounceMs + 250,
      timeoutMs: probeTimeoutMs,
    };
    const ready = next<'ready'>();
    child.send(probeOptions);
    await ready;

    const tickBefore = (await json<{ tick: number }>(`${bases[0]}/api/v1/conversations/${loadId}/math/status`)).tick;
    const lastIdBefore = await lastVoteId(config.backend, db);
    const loadavg1Before = Math.round(loadavg()[0]! * 100) / 100;

    // Every acknowledged vote as "pid:tid:vote:createdAt", checked against the database afterwards.
    const ackedVotes: string[] = [];
    const ackedPerInstance = bases.map(() => 0);
    const hostIndex = new Map(bases.map((b, i) => [new URL(b).host, i]));
    let acked = 0;
    let x = 12345;
    const values = ['agree', 'disagree', 'pass'];
    const voteValue: Record<string, number> = { agree: 1, disagree: -1, pass: 0 };
    const { tokens, statementIds } = load;

    const underLoad = next<PushProbeResult>();
    child.send({ run: 0 });
    const cpuBefore = cpuMs(servers.map((s) => s.child.pid!), database?.postmaster ?? null);
    const benchCpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const instance = autocannon({
      // Connection i goes to bases[i % N] (autocannon takes several URLs; its types say one).
      url: bases as unknown as string,
      connections: o.connections,
      duration: o.duration,
      requests: [
        {
          method: 'POST',
          path: `/api/v1/conversations/${loadId}/votes`,
          setupRequest: (req: autocannon.Request) => {
            x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
            const token = tokens[x % tokens.length]!;
            const body = JSON.stringify({ statementId: statementIds[(x >>> 11) % statementIds.length], vote: values[(x >>> 22) % 3] });
            return { ...req, headers: { 'content-type': 'application/json', 'x-participant-token': token }, body };
          },
          onResponse: (status: number, body: string) => {
            if (status !== 200) return;
            const r = JSON.parse(body) as { statementId: number; vote: string; createdAt: number; participant: { pid: number } };
            ackedVotes.push(`${r.participant.pid}:${r.statementId}:${voteValue[r.vote]}:${r.createdAt}`);
            if (++acked === o.maxVotes) instance.stop();
          },
        },
      ],
    }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
    // Which instance answered: autocannon's per-response event carries the client, whose options name the host.
    instance.on('response', (client: unknown, status: number) => {
      if (status !== 200) return;
      const opts = (client as { opts?: { hostname?: string; port?: string | number } }).opts;
      const i = opts ? hostIndex.get(`${opts.hostname}:${opts.port}`) : undefined;
      if (i !== undefined) ackedPerInstance[i]!++;
    });
    const result = await instance;
    const wallMs = performance.now() - wallBefore;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const cpuAfter = cpuMs(servers.map((s) => s.child.pid!), database?.postmaster ?? null);
    child.send('stop');
    const loadProbes = await underLoad;

    const tickAfter = await settle(bases, loadId, 120_000);
    const idle = next<PushProbeResult>();
    child.send({ run: o.probes });
    const idleProbes = await idle;
    child.send('exit');

    const stored = await votesAfter(config.backend, db, lastIdBefore);
    const lost = ackedVotes.filter((v) => !stored.has(v)).length;
    let postgresCpu: number | null = null;
    if (config.backend === 'postgres' && cpuAfter.postgres.size > 0) {
      postgresCpu = 0;
      for (const [pid, ms] of cpuAfter.postgres) postgresCpu += ms - (cpuBefore.postgres.get(pid) ?? 0);
    }
    const pct = (ms: number) => Math.round((ms / wallMs) * 100);
    return {
      votesPerSecond: Math.round(acked / result.duration),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      acked,
      errors: result.errors + result.timeouts + result.non2xx,
      lost,
      stored: stored.size,
      durationS: Number(result.duration.toFixed(2)),
      mathTicks: tickAfter - tickBefore,
      ackedPerInstance,
      push: { underLoad: loadProbes, idle: idleProbes },
      cpuPercentOfOneCore: {
        bench: pct((benchCpu.user + benchCpu.system) / 1000),
        servers: pct(cpuAfter.servers - cpuBefore.servers),
        postgres: postgresCpu === null ? null : pct(postgresCpu),
      },
      loadavg1Before,
    };
  } finally {
    await clean();
    cleanup = null;
  }
}

async function lastVoteId(backend: ClusterConfig['backend'], db: string): Promise<number> {
  if (backend === 'sqlite') {
    const d = new Database(db, { readonly: true });
    try {
      return (d.prepare('SELECT coalesce(max(id), 0) AS n FROM votes').get() as { n: number }).n;
    } finally {
      d.close();
    }
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT coalesce(max(id), 0) AS n FROM votes')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** The load conversation's votes stored after `lastId`, as "pid:tid:vote:createdAt". */
async function votesAfter(backend: ClusterConfig['backend'], db: string, lastId: number): Promise<Set<string>> {
  const sql = `SELECT v.pid || ':' || v.tid || ':' || v.vote || ':' || v.created_at AS k FROM votes v JOIN conversations c ON c.id = v.conversation_id WHERE c.slug = '${loadId}' AND v.id > ${lastId}`;
  if (backend === 'sqlite') {
    const d = new Database(db, { readonly: true });
    try {
      return new Set((d.prepare(sql).all() as { k: string }[]).map((r) => r.k));
    } finally {
      d.close();
    }
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return new Set((await client.query<{ k: string }>(sql)).rows.map((r) => r.k));
  } finally {
    await client.end();
  }
}

function pushSummary(results: PushProbeResult[]): {
  median: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  samples: number;
  strayTicks: number;
  timeouts: number;
  errors: number;
  pushBeforeAnswer: number;
} {
  const ms = results.flatMap((r) => r.ms);
  return {
    median: median(ms),
    p95: quantile(ms, 0.95),
    min: ms.length === 0 ? null : Math.min(...ms),
    max: quantile(ms, 1),
    samples: ms.length,
    strayTicks: results.reduce((s, r) => s + r.strayTicks, 0),
    timeouts: results.reduce((s, r) => s + r.timeouts, 0),
    errors: results.reduce((s, r) => s + r.errors, 0),
    pushBeforeAnswer: results.reduce((s, r) => s + r.pushBeforeAnswer, 0),
  };
}

export async function clusterVoteCase(o: ClusterVoteOptions): Promise<Record<string, unknown>> {
  const results = o.configs.map(() => [] as RunResult[]);
  for (let run = 1; run <= o.runs; run++) {
    for (const [i, config] of o.configs.entries()) {
      if (interrupted) throw new Error('interrupted');
      let r: RunResult;
      try {
        r = await runOnce(o, config);
      } catch (error) {
        // Interrupted: the signal handler cleans up and exits; the run's own errors are its echo.
        if (interrupted) await new Promise(() => undefined);
        throw error;
      }
      results[i]!.push(r);
      const pl = pushSummary([r.push.underLoad]);
      const pi = pushSummary([r.push.idle]);
      console.error(
        `run ${run}/${o.runs} ${config.backend} × ${config.instances}: ${r.votesPerSecond} votes/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.errors} errors, ${r.lost} lost; ` +
          `vote→push under load median ${pl.median} ms (${pl.samples} probes, ${pl.timeouts} timeouts), idle median ${pi.median} ms; cpu % of a core ${JSON.stringify(r.cpuPercentOfOneCore)}`,
      );
    }
  }
  const configurations = o.configs.map((config, i) => {
    const runs = results[i]!;
    const m = (pick: (r: RunResult) => number) => median(runs.map(pick))!;
    const underLoad = pushSummary(runs.map((r) => r.push.underLoad));
    const idle = pushSummary(runs.map((r) => r.push.idle));
    return {
      backend: config.backend,
      instances: config.instances,
      votesPerSecond: m((r) => r.votesPerSecond),
      p50Ms: m((r) => r.p50Ms),
      p99Ms: m((r) => r.p99Ms),
      acked: m((r) => r.acked),
      errors: m((r) => r.errors),
      lost: runs.reduce((s, r) => s + r.lost, 0),
      voteToPushMs: { debounceMs: o.debounceMs, median: underLoad.median, p95: underLoad.p95, underLoad, idle },
      cpuPercentOfOneCore: {
        bench: m((r) => r.cpuPercentOfOneCore.bench),
        servers: m((r) => r.cpuPercentOfOneCore.servers),
        // null: SQLite, or a PostgreSQL server on another machine.
        postgres: runs.every((r) => r.cpuPercentOfOneCore.postgres !== null) ? m((r) => r.cpuPercentOfOneCore.postgres!) : null,
      },
      runs: runs.map((r) => ({
        votesPerSecond: r.votesPerSecond,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        acked: r.acked,
        errors: r.errors,
        lost: r.lost,
        durationS: r.durationS,
        mathTicks: r.mathTicks,
        ackedPerInstance: r.ackedPerInstance,
        pushUnderLoadMedianMs: median(r.push.underLoad.ms),
        pushIdleMedianMs: median(r.push.idle.ms),
        cpuPercentOfOneCore: r.cpuPercentOfOneCore,
        loadavg1Before: r.loadavg1Before,
      })),
    };
  });
  // Ratios between configurations of this invocation (medians over the same interleaved runs).
  const ratioTo = (backend: string, instances: number) => {
    const base = configurations.find((c) => c.backend === backend && c.instances === instances);
    if (!base) return undefined;
    return Object.fromEntries(configurations.filter((c) => c !== base).map((c) => [`${c.backend}x${c.instances}`, Math.round((c.votesPerSecond / base.votesPerSecond) * 100) / 100]));
  };
  const ratios: Record<string, unknown> = {};
  const vsSqlite = ratioTo('sqlite', 1);
  const vsPostgres = ratioTo('postgres', 1);
  if (vsSqlite && Object.keys(vsSqlite).length > 0) ratios.votesPerSecondVsSqlite1 = vsSqlite;
  if (vsPostgres && Object.keys(vsPostgres).length > 0) ratios.votesPerSecondVsPostgres1 = vsPostgres;
  return {
    case: 'cluster',
    database: o.postgresUrl === undefined ? 'sqlite (temporary file)' : `${redact(o.postgresUrl)} (a fresh kuulo_bench_* database per run, dropped after it)`,
    runs: o.runs,
    duration_s: o.duration,
    connections: o.connections,
    participants: o.participants,
    statements: o.statements,
    workers: o.workers,
    debounceMs: o.debounceMs,
    idleProbes: o.probes,
    configurations,
    ratios,
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) },
  };
}
