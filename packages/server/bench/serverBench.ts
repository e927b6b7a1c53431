// A real Kuulo server process on loopback, in one of three cases:
//   default: vote throughput while the math recomputes (autocannon), see voteThroughputCase.ts;
//   big:     votes on a small conversation while a 1 M-vote one is read, exported and another imported,
//            plus the bytes of a participant's update at 2,000 participants, see bigConversationCase.ts;
//   cluster: vote throughput and vote-to-push latency of N instances sharing one database, see
//            clusterVoteCase.ts. Chosen by --case cluster, or by any of --db, --instances, --compare;
//   push:    vote committed → math event on the voter's own stream, 1,000 active participants each with an
//            event stream, see pushLatencyCase.ts.
// Usage: tsx --conditions=@kuulo/source packages/server/bench/serverBench.ts [--case default|big|cluster|push] [--server-dir DIR]
//        default: [--duration 10] [--connections 50] [--max-votes 300000] [--participants 2000]
//        big:     [--window 30] [--readers 8] [--vote-rate 20] [--big-participants 20000] [--big-statements 500]
//                 [--big-votes 1000000] [--view-participants 2000] [--view-statements 300]
//                 [--export-kb-per-s 0] [--timeout 600] [--keep]
//        cluster: [--db postgres://…] [--instances 1] [--compare] [--runs 3] [--probes 10] [--statements 50]
//                 and the default case's flags; --debounce-ms defaults to 50 here
//        push:    [--participants 1000] [--votes-per-participant-per-minute 6] [--duration 60] [--statements 150]
//                 [--prior-participants 1000] [--prior-votes 75000] [--processes 2]; --debounce-ms: the server's default unless given
//        all:     [--workers 2] [--debounce-ms 500]
// --server-dir runs packages/server/src/server.ts of another checkout (e.g. a git worktree of an older commit).
// The last line printed is one JSON object.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    case: { type: 'string', default: 'default' },
    'server-dir': { type: 'string', default: fileURLToPath(new URL('../../..', import.meta.url)) },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'max-votes': { type: 'string', default: '300000' },
    participants: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '2' },
    // Default 500 (the server's), or 50 in the cluster case.
    'debounce-ms': { type: 'string' },
    db: { type: 'string' },
    instances: { type: 'string' },
    compare: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    probes: { type: 'string', default: '10' },
    statements: { type: 'string', default: '50' },
    window: { type: 'string', default: '30' },
    readers: { type: 'string', default: '8' },
    'vote-rate': { type: 'string', default: '20' },
    'big-participants': { type: 'string', default: '20000' },
    'big-statements': { type: 'string', default: '500' },
    'big-votes': { type: 'string', default: '1000000' },
    'view-participants': { type: 'string', default: '2000' },
    'view-statements': { type: 'string', default: '300' },
    'export-kb-per-s': { type: 'string', default: '0' },
    timeout: { type: 'string', default: '600' },
    keep: { type: 'boolean', default: false },
    'votes-per-participant-per-minute': { type: 'string', default: '6' },
    'prior-participants': { type: 'string', default: '1000' },
    'prior-votes': { type: 'string', default: '75000' },
    processes: { type: 'string', default: '2' },
  },
});

/** A flag's value as an integer ≥ min, or a RangeError naming the flag and the value. */
function int(name: keyof typeof values, min: number, fallback?: string): number {
  const raw = values[name] ?? fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

const serverDir = values['server-dir'];
const clusterFlags = (['db', 'instances', 'compare'] as const).filter((f) => values[f] !== undefined && values[f] !== false);
if (clusterFlags.length > 0 && values.case !== 'default' && values.case !== 'cluster') {
  throw new RangeError(`--${clusterFlags[0]} belongs to the cluster case, not --case ${values.case}`);
}
if (values.case === 'cluster' || clusterFlags.length > 0) {
  const { clusterVoteCase, redact } = await import('./clusterVoteCase.js');
  const db = values.db;
  if (db !== undefined && !/^postgres(ql)?:\/\//.test(db)) {
    throw new RangeError(`--db must be a postgres:// URL (without --db the bench uses a temporary SQLite file), got ${JSON.stringify(redact(db))}`);
  }
  const instances = int('instances', 1, '1');
  if (db === undefined && instances > 1) {
    throw new RangeError(`--instances ${instances} needs --db postgres://…: several instances cannot share the embedded SQLite database (the SQLite case runs --instances 1 only)`);
  }
  if (values.compare && db === undefined) throw new RangeError('--compare needs --db postgres://… (it runs SQLite × 1 and PostgreSQL × 1, 2, 3)');
  // With PostgreSQL and no --instances, compare by default; --instances N alone measures PostgreSQL × N only.
  const compare = values.compare || (db !== undefined && values.instances === undefined);
  const configs: { backend: 'sqlite' | 'postgres'; instances: number }[] = compare
    ? [
        { backend: 'sqlite', instances: 1 },
        ...[1, 2, 3].map((n) => ({ backend: 'postgres' as const, instances: n })),
      ]
    : [{ backend: db === undefined ? 'sqlite' : 'postgres', instances }];
  if (compare && values.instances !== undefined && !configs.some((c) => c.backend === 'postgres' && c.instances === instances)) {
    configs.push({ backend: 'postgres', instances });
  }
  const summary = await clusterVoteCase({
    serverDir,
    postgresUrl: db,
    configs,
    runs: int('runs', 1),
    duration: int('duration', 1),
    connections: int('connections', 1),
    maxVotes: int('max-votes', 1),
    participants: int('participants', 1),
    statements: int('statements', 1),
    workers: int('workers', 1),
    debounceMs: int('debounce-ms', 0, '50'),
    probes: int('probes', 1),
  });
  const line = (c: Record<string, unknown>) => {
    const push = c.voteToPushMs as { underLoad: { median: number | null; p95: number | null }; idle: { median: number | null; p95: number | null } };
    return `${c.backend} × ${c.instances}: ${c.votesPerSecond} votes/s, p99 ${c.p99Ms} ms, vote→push under load ${push.underLoad.median}/${push.underLoad.p95} ms, idle ${push.idle.median}/${push.idle.p95} ms (median/p95)`;
  };
  console.log(`server bench (cluster, debounce ${summary.debounceMs} ms, medians of ${summary.runs} runs):\n  ${(summary.configurations as Record<string, unknown>[]).map(line).join('\n  ')}`);
  console.log(JSON.stringify(summary));
} else if (values.case === 'push') {
  const { pushLatencyCase } = await import('./pushLatencyCase.js');
  // This case's own defaults where the flag is shared with the others.
  const own = (name: 'participants' | 'statements' | 'duration', min: number, fallback: string) => {
    const given = process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    const n = Number(given ? values[name] : fallback);
    if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(values[name])}`);
    return n;
  };
  const summary = await pushLatencyCase({
    serverDir,
    participants: own('participants', 1, '1000'),
    statements: own('statements', 2, '150'),
    duration: own('duration', 1, '60'),
    priorParticipants: int('prior-participants', 1),
    priorVotes: int('prior-votes', 1),
    votesPerParticipantPerMinute: int('votes-per-participant-per-minute', 1),
    processes: int('processes', 1),
    workers: int('workers', 1),
    debounceMs: values['debounce-ms'] === undefined ? undefined : int('debounce-ms', 0),
  });
  const push = summary.voteToPushMs as Record<string, number | null>;
  const votes = summary.votes as Record<string, number>;
  console.log(
    `server bench (push): vote → push p50 ${push.p50} ms, p95 ${push.p95} ms, p99 ${push.p99} ms, max ${push.max} ms over ${push.samples} votes ` +
      `(${votes.acked}/${votes.sent} acked, ${votes.errors} errors, ${votes.timeouts} without a push); server CPU ${(summary.cpuPercentOfOneCore as Record<string, number>).server} % of a core`,
  );
  console.log(JSON.stringify(summary));
} else if (values.case === 'big') {
  const { bigConversationCase } = await import('./bigConversationCase.js');
  const summary = await bigConversationCase({
    serverDir,
    workers: int('workers', 1),
    debounceMs: int('debounce-ms', 0, '500'),
    bigParticipants: int('big-participants', 1),
    bigStatements: int('big-statements', 1),
    bigVotes: int('big-votes', 1),
    viewParticipants: int('view-participants', 1),
    viewStatements: int('view-statements', 50),
    window: int('window', 1),
    readers: int('readers', 0),
    voteRate: int('vote-rate', 1),
    exportKbPerS: int('export-kb-per-s', 0),
    timeout: int('timeout', 1),
    keep: values.keep,
  });
  const v = summary.small_votes as Record<string, unknown>;
  const r = summary.readers as Record<string, unknown>;
  console.log(
    `server bench (big): small-conversation votes p50 ${v.p50_ms} ms, p99 ${v.p99_ms} ms, max ${v.max_ms} ms (${v.acked}/${v.sent} acked); ` +
      `readers ${r.requests_per_s} req/s; import ${(summary.import as Record<string, unknown>).ms} ms; export ${(summary.export as Record<string, unknown>).ms} ms; ` +
      `participant update ${summary.participant_bytes_per_update} bytes`,
  );
  console.log(JSON.stringify(summary));
} else if (values.case === 'default') {
  const { voteThroughputCase } = await import('./voteThroughputCase.js');
  const summary = await voteThroughputCase({
    serverDir,
    duration: int('duration', 1),
    connections: int('connections', 1),
    maxVotes: int('max-votes', 1),
    participants: int('participants', 1),
    workers: int('workers', 1),
    debounceMs: int('debounce-ms', 0, '500'),
  });
  console.log(JSON.stringify(summary));
} else {
  throw new RangeError(`--case must be default, big, cluster or push, got ${JSON.stringify(values.case)}`);
}
