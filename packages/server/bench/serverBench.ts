// A real Kuulo server process on loopback, in one of two cases:
//   default: vote throughput while the math recomputes (autocannon), see voteThroughputCase.ts;
//   big:     votes on a small conversation while a 1 M-vote one is read, exported and another imported,
//            plus the bytes of a participant's update at 2,000 participants, see bigConversationCase.ts.
// Usage: tsx --conditions=@kuulo/source packages/server/bench/serverBench.ts [--case default|big] [--server-dir DIR]
//        default: [--duration 10] [--connections 50] [--max-votes 300000] [--participants 2000]
//        big:     [--window 30] [--readers 8] [--vote-rate 20] [--big-participants 20000] [--big-statements 500]
//                 [--big-votes 1000000] [--view-participants 2000] [--view-statements 300]
//                 [--export-kb-per-s 0] [--timeout 600] [--keep]
//        both:    [--workers 2] [--debounce-ms 500]
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
    'debounce-ms': { type: 'string', default: '500' },
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
  },
});

/** A flag's value as an integer ≥ min, or a RangeError naming the flag and the value. */
function int(name: keyof typeof values, min: number): number {
  const raw = values[name];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

const serverDir = values['server-dir'];
if (values.case === 'big') {
  const { bigConversationCase } = await import('./bigConversationCase.js');
  const summary = await bigConversationCase({
    serverDir,
    workers: int('workers', 1),
    debounceMs: int('debounce-ms', 0),
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
    debounceMs: int('debounce-ms', 0),
  });
  console.log(JSON.stringify(summary));
} else {
  throw new RangeError(`--case must be default or big, got ${JSON.stringify(values.case)}`);
}
