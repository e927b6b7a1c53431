// The big-conversation case (issue #12): votes on a small conversation while a 1 M-vote conversation is
// read by report pages, exported, and a second 1 M-vote export is imported. See bench/README.md.
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { call, callJson, importConversation, sleep, waitForMath } from './benchHttp.js';
import { latencySummary } from './latencySummary.js';
import { participantUpdateBytes, type ParticipantUpdate } from './participantUpdateBytes.js';
import { startServer } from './startServer.js';
import { syntheticImportBody } from './syntheticImportBody.js';
import type { VoteProcessOptions, VoteProcessResult } from './voteProcess.js';
import { describe, newReaderRecord, readerLoop, readExport, type ReaderKind } from './windowLoad.js';

export interface BigCaseOptions {
  serverDir: string;
  workers: number;
  debounceMs: number;
  bigParticipants: number;
  bigStatements: number;
  bigVotes: number;
  /** Participants of the conversation whose participant update is weighed. */
  viewParticipants: number;
  viewStatements: number;
  /** Seconds of load. */
  window: number;
  readers: number;
  /** Votes per second on the small conversation. */
  voteRate: number;
  /** Read the export at most this fast (KB/s); 0 = as fast as it comes. */
  exportKbPerS: number;
  /** Bound of every setup step and of the import and export (seconds). */
  timeout: number;
  keep: boolean;
}

const admin = 'kadm_server-bench-admin-key-000000';
const ids = { big: 'bench-big', second: 'bench-big-import', view: 'bench-view', small: 'bench-small' };
// The import starts 1 s into the window and the export 3 s in, so the window first shows the readers alone.
const importAtMs = 1000;
const exportAtMs = 3000;

const round = (x: number) => Math.round(x);
const say = (text: string) => process.stderr.write(`[big] ${text}\n`);

/** CPU seconds (user + system) of a process so far, from /proc (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function treeOf(dir: string): string {
  try {
    const commit = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return changed === 0 ? commit : `${commit} + ${changed} changed files`;
  } catch {
    return 'unknown';
  }
}

export async function bigConversationCase(o: BigCaseOptions): Promise<Record<string, unknown>> {
  const tree = treeOf(o.serverDir);
  say(`generating exports (${o.bigVotes} votes × 2)`);
  const big = syntheticImportBody({ id: ids.big, participants: o.bigParticipants, statements: o.bigStatements, votes: o.bigVotes, seed: 1 });
  const second = syntheticImportBody({ id: ids.second, participants: o.bigParticipants, statements: o.bigStatements, votes: o.bigVotes, seed: 2 });
  const view = syntheticImportBody({ id: ids.view, participants: o.viewParticipants, statements: o.viewStatements, votes: o.viewParticipants * 50, seed: 3 });
  const small = syntheticImportBody({ id: ids.small, participants: 100, statements: 30, votes: 1500, seed: 4 });

  const dir = mkdtempSync(join(tmpdir(), 'kuulo-bench-big-'));
  const server = await startServer({
    serverDir: o.serverDir,
    dbPath: join(dir, 'bench.db'),
    adminKey: admin,
    args: ['--rate-per-address', '0', '--rate-per-participant', '0', '--workers', String(o.workers), '--debounce-ms', String(o.debounceMs)],
  });
  const base = server.url;
  const timeoutMs = o.timeout * 1000;
  try {
    const setup: Record<string, number> = {};
    say(`importing ${ids.big} (${big.votes} votes, ${(big.body.length / 1e6).toFixed(1)} MB) into ${base}`);
    setup.big_import_ms = round((await importConversation(base, admin, big.body, timeoutMs)).ms);
    await importConversation(base, admin, view.body, timeoutMs);
    await importConversation(base, admin, small.body, timeoutMs);

    // The small conversation's voters: fresh participants with tokens.
    const newParticipant = async (id: string) =>
      (await callJson<{ token: string }>(`${base}/api/v1/conversations/${id}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).token;
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) tokens.push(...(await Promise.all(Array.from({ length: 20 }, () => newParticipant(ids.small)))));
    const smallStatements = Array.from({ length: small.statements }, (_, j) => j);

    // A participant of the view conversation who has voted, so the participant's page has a place to show.
    const viewer = await newParticipant(ids.view);
    for (let j = 0; j < 20; j++) {
      await callJson(`${base}/api/v1/conversations/${ids.view}/votes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-participant-token': viewer },
        body: JSON.stringify({ statementId: j, vote: j % 3 === 0 ? 'disagree' : 'agree' }),
      });
    }
    setup.big_math_wait_ms = round((await waitForMath(base, ids.big, 1, timeoutMs)).ms);
    await waitForMath(base, ids.view, 1, timeoutMs);
    await waitForMath(base, ids.small, 1, timeoutMs);

    // What a participant's page fetches per math update: the slim view where the server has one, else the whole math.
    const viewApi = `${base}/api/v1/conversations/${ids.view}`;
    let update: ParticipantUpdate = await participantUpdateBytes(`${viewApi}/math/participant`, { 'x-participant-token': viewer });
    if (update.status === 404) {
      const missing = await call(`${viewApi}/math/participant`);
      if (!/"NOT_FOUND"/.test(missing.text)) throw new Error(`GET ${viewApi}/math/participant: 404 ${missing.text.slice(0, 300)}`);
      update = await participantUpdateBytes(`${viewApi}/math`, {});
    }
    if (update.status !== 200) throw new Error(`GET ${update.path}: ${update.status} ${update.json.slice(0, 300)}`);
    // The slim view must place the participant who voted, or it weighs less than what the page needs.
    const youPlaced = update.path.endsWith('/participant') ? (JSON.parse(update.json) as { you: unknown }).you !== null : null;
    const { json: _json, ...updateFigures } = update;

    say(`window: ${o.window} s or until the import and export are done, ${o.readers} readers on ${ids.big}, ${o.voteRate} votes/s on ${ids.small}, import at ${importAtMs} ms, export at ${exportAtMs} ms`);
    const voter = fork(fileURLToPath(new URL('./voteProcess.ts', import.meta.url)), [], { execArgv: ['--conditions=@kuulo/source', '--import', 'tsx'] });
    const voterDone = new Promise<VoteProcessResult>((resolve, reject) => {
      voter.once('message', (m) => resolve(m as VoteProcessResult));
      voter.once('exit', (code) => reject(new Error(`the vote process exited with ${code} before answering`)));
    });
    await sleep(1000);
    const benchDelay = monitorEventLoopDelay({ resolution: 10 });
    benchDelay.enable();
    const load = { before: loadavg()[0]!, serverCpu: cpuSeconds(server.child.pid!), benchCpu: process.cpuUsage() };
    const start = performance.now();
    // The load lasts the window, and longer if the import or the export is still running then.
    const windowEnd = start + o.window * 1000;
    let busy = 2;
    let lastDone = windowEnd;
    const running = () => performance.now() < windowEnd || (busy > 0 && performance.now() < start + timeoutMs);
    const finished = () => {
      busy--;
      lastDone = Math.max(lastDone, performance.now());
    };
    const readers = newReaderRecord();
    const readerLoops = Array.from({ length: o.readers }, () => readerLoop(base, ids.big, running, readers));
    voter.send({ base, id: ids.small, rate: o.voteRate, tokens, statementIds: smallStatements } satisfies VoteProcessOptions);
    // A failed import or export is a result (the old server answers the import 408 under this load), not a crash.
    const timedStep = async <T extends object>(atMs: number, step: () => Promise<T>): Promise<T | { error: string; ms: number; end_s: number }> => {
      await sleep(atMs);
      const at = performance.now();
      const endS = () => Number(((performance.now() - start) / 1000).toFixed(1));
      try {
        return { ...(await step()), ms: round(performance.now() - at), end_s: endS() };
      } catch (error) {
        return { error: describe(error), ms: round(performance.now() - at), end_s: endS() };
      } finally {
        finished();
      }
    };
    const imported = timedStep(importAtMs, async () => (await importConversation(base, admin, second.body, timeoutMs), { status: 201 }));
    const exported = timedStep(exportAtMs, () => readExport(`${base}/api/v1/conversations/${ids.big}/export/votes.csv`, admin, o.exportKbPerS, timeoutMs));
    // The votes stop with the load: after the window, once the import and the export are done (or the timeout).
    void Promise.allSettled([imported, exported, sleep(o.window * 1000)]).then(() => voter.send('stop'));
    const stopLate = setTimeout(() => voter.send('stop'), timeoutMs);
    const [votes, importResult, exportResult] = await Promise.all([voterDone, imported, exported, Promise.all(readerLoops)]);
    clearTimeout(stopLate);
    benchDelay.disable();
    const voteRecord = votes.record;
    const loadSeconds = (lastDone - start) / 1000;
    const seconds = (performance.now() - start) / 1000;
    const serverCpu = cpuSeconds(server.child.pid!) - load.serverCpu;
    const benchCpu = process.cpuUsage(load.benchCpu);

    const voteSummary = latencySummary(voteRecord.latency);
    const readerAll = Object.values(readers.latency).flat();
    const readerSummary = latencySummary(readerAll);
    const byKind = Object.fromEntries((Object.keys(readers.latency) as ReaderKind[]).map((k) => [k, latencySummary(readers.latency[k])]));
    return {
      bench: 'server',
      case: 'big',
      tree,
      vote_p50_ms: voteSummary.p50_ms,
      vote_p99_ms: voteSummary.p99_ms,
      vote_max_ms: voteSummary.max_ms,
      participant_bytes_per_update: update.wire_bytes,
      load_s: Number(loadSeconds.toFixed(1)),
      small_votes: {
        rate_per_s: o.voteRate,
        sent: voteRecord.sent,
        acked: voteRecord.acked,
        errors: voteRecord.errors,
        first_error: voteRecord.firstError,
        ...voteSummary,
        send_lag_max_ms: latencySummary(voteRecord.lag).max_ms,
        vote_process_loop_delay_max_ms: votes.loopDelayMaxMs,
      },
      readers: {
        loops: o.readers,
        requests: readerAll.length,
        requests_per_s: Number((readers.doneAt.filter((t) => t <= lastDone).length / loadSeconds).toFixed(1)),
        errors: readers.errors,
        first_error: readers.firstError,
        p50_ms: readerSummary.p50_ms,
        p99_ms: readerSummary.p99_ms,
        max_ms: readerSummary.max_ms,
        by_kind: byKind,
      },
      import: { votes: second.votes, body_mb: Number((second.body.length / 1e6).toFixed(1)), ...importResult },
      export: { file: 'votes.csv', read_kb_per_s: o.exportKbPerS, ...exportResult },
      participant_update: { participants: o.viewParticipants, statements: o.viewStatements, votes: view.votes, ...updateFigures, you_placed: youPlaced },
      setup,
      machine: {
        cores: cpus().length,
        load_1m_before: Number(load.before.toFixed(2)),
        load_1m_after: Number(loadavg()[0]!.toFixed(2)),
        server_cpu_pct: round((serverCpu / seconds) * 100),
        bench_cpu_pct: round(((benchCpu.user + benchCpu.system) / 1e6 / seconds) * 100),
        vote_process_cpu_pct: round((votes.cpuMs / 1000 / seconds) * 100),
        bench_loop_delay_max_ms: Math.round(benchDelay.max / 1e5) / 10,
        elapsed_s: Number(seconds.toFixed(1)),
      },
      config: { window_s: o.window, readers: o.readers, vote_rate: o.voteRate, big_votes: big.votes, big_participants: o.bigParticipants, big_statements: o.bigStatements, workers: o.workers, debounce_ms: o.debounceMs },
    };
  } catch (error) {
    process.stderr.write(`server output:\n${server.output().slice(-3000)}\n`);
    throw error;
  } finally {
    await server.stop();
    if (o.keep) say(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
