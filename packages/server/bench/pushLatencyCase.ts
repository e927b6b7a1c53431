// The push case of the server bench (issue #19): vote committed → `math` event on the voter's own event
// stream, with many active participants on one conversation. See bench/README.md, "Vote to screen".
//
//   1. starts a server (SQLite, rate limits off) and imports a synthetic conversation (`--prior-participants`
//      × `--statements`, `--prior-votes`), so the math does real work; waits for its first math;
//   2. creates `--participants` fresh participants (tokens); child processes (`--processes`, pushLoad.ts)
//      open one event stream per participant, each from its own loopback address;
//   3. for `--duration` s every participant votes `--votes-per-participant-per-minute` times a minute on its
//      own open-loop timer (phases spread evenly, so the total rate is steady);
//   4. meanwhile this process polls the server's database every 10 ms for the stored math row: which vote
//      id each tick read up to (`math_results.last_vote_id`, what the math itself records);
//   5. once every vote is answered and the math has read them all, it waits for the pushes, closes the
//      streams, and matches: a vote (found by participant, statement, value and time) is in the first tick
//      whose last vote id is ≥ its id; its latency runs from its answer to that tick's event on the voter's
//      own stream, both timed in the same child process.
// Sound: a tick whose row this process did not see is never credited (a later seen tick is used instead),
// so a missed tick can only lengthen a latency (`ticks.missed` counts them).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { callJson, importConversation, sleep, waitForMath } from './benchHttp.js';
import type { PushLoadOptions, PushLoadResult } from './pushLoad.js';
import { startServer, type BenchServer } from './startServer.js';
import { syntheticImportBody } from './syntheticImportBody.js';

export interface PushCaseOptions {
  serverDir: string;
  participants: number;
  statements: number;
  priorParticipants: number;
  priorVotes: number;
  votesPerParticipantPerMinute: number;
  duration: number;
  processes: number;
  workers: number;
  /** The server's --debounce-ms, or undefined for its default. */
  debounceMs: number | undefined;
}

const admin = 'kadm_server-bench-admin-key-000000';
const conversation = 'bench-push';
const say = (text: string) => process.stderr.write(`[push] ${text}\n`);

/** Nearest-rank quantile, to 0.1 ms; null without values. */
function quantile(sorted: Float64Array, q: number): number | null {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! * 10) / 10;
}

/** CPU time (ms, all threads) of a process so far, from /proc (clock ticks of 1/100 s on Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Waits for one IPC message of a child that satisfies `want`, or rejects when the child exits first. */
function nextMessage<T>(child: ChildProcess, want: (m: unknown) => boolean): Promise<T> {
  return new Promise((done, fail) => {
    const onMessage = (m: unknown) => {
      if (!want(m)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      done(m as T);
    };
    const onExit = (code: number | null) => fail(new Error(`push load process exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function pushLatencyCase(o: PushCaseOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'kuulo-bench-push-'));
  const dbPath = join(dir, 'bench.db');
  let server: BenchServer | undefined;
  const children: ChildProcess[] = [];
  try {
    const args = ['--rate-per-address', '0', '--rate-per-participant', '0', '--workers', String(o.workers)];
    if (o.debounceMs !== undefined) args.push('--debounce-ms', String(o.debounceMs));
    server = await startServer({ serverDir: o.serverDir, dbPath, adminKey: admin, args });
    const base = server.url;
    const prior = syntheticImportBody({ id: conversation, participants: o.priorParticipants, statements: o.statements, votes: o.priorVotes, seed: 19 });
    say(`importing ${conversation} (${prior.votes} votes of ${o.priorParticipants} participants on ${o.statements} statements) into ${base}`);
    await importConversation(base, admin, prior.body, 600_000);
    await waitForMath(base, conversation, 1, 600_000);
    const api = `${base}/api/v1/conversations/${conversation}`;
    const statementIds = (await callJson<{ items: { id: number }[] }>(`${api}/statements?limit=500`)).items.map((s) => s.id);
    say(`creating ${o.participants} participants`);
    const tokens: string[] = [];
    for (let i = 0; i < o.participants; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, o.participants - i) }, () => callJson<{ token: string }>(`${api}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })),
      );
      tokens.push(...batch.map((b) => b.token));
    }

    const db = new Database(dbPath, { readonly: true });
    const conversationId = (db.prepare('SELECT id FROM conversations WHERE slug = ?').get(conversation) as { id: number }).id;
    const mathRow = db.prepare('SELECT tick, last_vote_id AS lastVoteId, duration_ms AS durationMs FROM math_results WHERE conversation_id = ?');
    const maxVoteId = db.prepare('SELECT coalesce(max(id), 0) AS n FROM votes WHERE conversation_id = ?');
    const lastIdBefore = (maxVoteId.get(conversationId) as { n: number }).n;

    say(`opening ${o.participants} event streams from ${o.processes} process(es)`);
    const share = Math.ceil(o.participants / o.processes);
    for (let c = 0; c < o.processes && c * share < o.participants; c++) {
      const child = fork(fileURLToPath(new URL('./pushLoad.ts', import.meta.url)), [], { execArgv: ['--conditions=@kuulo/source', '--import', 'tsx'] });
      children.push(child);
      const ready = nextMessage(child, (m) => m === 'ready');
      child.send({
        base,
        conversation,
        tokens: tokens.slice(c * share, (c + 1) * share),
        firstIndex: c * share,
        statementIds,
        votesPerMinute: o.votesPerParticipantPerMinute,
        timeoutMs: 30_000,
      } satisfies PushLoadOptions);
      await ready;
    }

    // Every tick's stored row as this process saw it: which votes it read, how long its computation took.
    const ticks = new Map<number, { lastVoteId: number; durationMs: number | null; seenAt: number }>();
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const row = mathRow.get(conversationId) as { tick: number; lastVoteId: number; durationMs: number | null } | undefined;
        if (row && !ticks.has(row.tick)) ticks.set(row.tick, { lastVoteId: row.lastVoteId, durationMs: row.durationMs, seenAt: performance.now() });
        await sleep(10);
      }
    })();

    await sleep(500);
    const tickBefore = (mathRow.get(conversationId) as { tick: number }).tick;
    const loadavg1Before = Math.round(loadavg()[0]! * 100) / 100;
    const serverCpuBefore = cpuMs(server.child.pid!);
    const loadStart = performance.now();
    say(`voting for ${o.duration} s: ${o.participants} participants × ${o.votesPerParticipantPerMinute}/min = ${((o.participants * o.votesPerParticipantPerMinute) / 60).toFixed(1)} votes/s (1-minute load ${loadavg1Before})`);
    for (const child of children) child.send('go');
    await sleep(o.duration * 1000);
    const votesDone = children.map((child) => nextMessage(child, (m) => m === 'votes-done'));
    for (const child of children) child.send('stop-votes');
    await Promise.all(votesDone);
    const loadEnd = performance.now();
    const loadMs = loadEnd - loadStart;
    const serverCpu = cpuMs(server.child.pid!) - serverCpuBefore;

    // The math must read every answered vote, then its event must reach every stream.
    const lastAnswered = (maxVoteId.get(conversationId) as { n: number }).n;
    const drainStart = performance.now();
    while (performance.now() - drainStart < 60_000) {
      const row = mathRow.get(conversationId) as { lastVoteId: number } | undefined;
      if (row && row.lastVoteId >= lastAnswered) break;
      await sleep(50);
    }
    await sleep(1000);
    polling = false;
    await poll;
    const results = await Promise.all(
      children.map((child) => {
        const answer = nextMessage<PushLoadResult>(child, (m) => typeof m === 'object' && m !== null && 'votes' in m);
        child.send('finish');
        return answer;
      }),
    );

    // Stored votes of the run, keyed as the answers describe them.
    const ids = new Map<string, number>();
    for (const r of db.prepare('SELECT id, pid, tid, vote, created_at AS t FROM votes WHERE conversation_id = ? AND id > ?').all(conversationId, lastIdBefore) as { id: number; pid: number; tid: number; vote: number; t: number }[]) {
      ids.set(`${r.pid}:${r.tid}:${r.vote}:${r.t}`, r.id);
    }
    db.close();
    const seenTicks = [...ticks.entries()].filter(([t]) => t > tickBefore).sort((a, b) => a[0] - b[0]);
    const lastTick = seenTicks.at(-1)?.[0] ?? tickBefore;
    const missed = lastTick - tickBefore - seenTicks.length;

    const latencies: number[] = [];
    let lost = 0;
    let noPush = 0;
    let pushBeforeAnswer = 0;
    for (const r of results) {
      for (const v of r.votes) {
        const id = ids.get(`${v.pid}:${v.tid}:${v.vote}:${v.createdAt}`);
        if (id === undefined) {
          lost++;
          continue;
        }
        // The first seen tick that read this vote (ticks' last vote ids only grow).
        const including = seenTicks.find(([, t]) => t.lastVoteId >= id)?.[0];
        const events = r.events[v.p]!;
        let at: number | undefined;
        if (including !== undefined) {
          for (let i = 0; i < events.length; i += 2) {
            if (events[i]! >= including) {
              at = events[i + 1]!;
              break;
            }
          }
        }
        if (at === undefined) {
          noPush++;
          continue;
        }
        if (at < v.answeredAt) pushBeforeAnswer++;
        latencies.push(at - v.answeredAt);
      }
    }
    const sorted = Float64Array.from(latencies).sort();
    const voteMs = Float64Array.from(results.flatMap((r) => r.votes.map((v) => v.ms))).sort();
    const durations = seenTicks.map(([, t]) => t.durationMs).filter((d): d is number => d !== null);
    const sent = results.reduce((s, r) => s + r.sent, 0);
    const acked = results.reduce((s, r) => s + r.votes.length, 0);
    const summary = {
      case: 'push',
      serverDir: o.serverDir,
      flags: {
        participants: o.participants,
        votesPerParticipantPerMinute: o.votesPerParticipantPerMinute,
        duration_s: o.duration,
        statements: o.statements,
        priorParticipants: o.priorParticipants,
        priorVotes: prior.votes,
        processes: o.processes,
        workers: o.workers,
        debounceMs: o.debounceMs ?? 'server default',
      },
      votesPerSecond: Math.round((acked / loadMs) * 1000 * 10) / 10,
      voteToPushMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), max: quantile(sorted, 1), min: quantile(sorted, 0), samples: sorted.length },
      votes: {
        sent,
        acked,
        errors: results.reduce((s, r) => s + r.errors, 0),
        firstError: results.find((r) => r.firstError)?.firstError ?? null,
        // Acknowledged but not found in the database afterwards.
        lost,
        // Acknowledged, but no event of a tick that read it reached the voter's stream before the end.
        timeouts: noPush,
        pushBeforeAnswer,
        answerP50Ms: quantile(voteMs, 0.5),
        answerP99Ms: quantile(voteMs, 0.99),
      },
      streams: {
        open: o.participants,
        eventsReceived: results.reduce((s, r) => s + r.eventsReceived, 0),
        errors: results.reduce((s, r) => s + r.streamErrors, 0),
        firstError: results.find((r) => r.firstStreamError)?.firstStreamError ?? null,
      },
      ticks: {
        count: lastTick - tickBefore,
        missed,
        // Median time between consecutive ticks seen while the votes came.
        intervalMsMedian: quantile(
          Float64Array.from(
            seenTicks
              .filter(([, t]) => t.seenAt >= loadStart && t.seenAt <= loadEnd)
              .flatMap(([tick, t], i, all) => (i > 0 && all[i - 1]![0] === tick - 1 ? [t.seenAt - all[i - 1]![1].seenAt] : [])),
          ).sort(),
          0.5,
        ),
        mathDurationMsMedian: quantile(Float64Array.from(durations).sort(), 0.5),
        mathDurationMsMax: quantile(Float64Array.from(durations).sort(), 1),
      },
      cpuPercentOfOneCore: {
        server: Math.round((serverCpu / loadMs) * 100),
        load: Math.round((results.reduce((s, r) => s + r.cpuMs, 0) / loadMs) * 100),
      },
      loadGenerator: {
        lagP99Ms: Math.max(...results.map((r) => r.lagP99Ms)),
        lagMaxMs: Math.max(...results.map((r) => r.lagMaxMs)),
        loopDelayMaxMs: Math.max(...results.map((r) => r.loopDelayMaxMs)),
      },
      loadavg1Before,
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) },
    };
    return summary;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
