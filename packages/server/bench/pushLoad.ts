// Child process of the push case (pushLatencyCase.ts): simulated participants, each with its own event stream
// and its own token, voting open-loop. In a process of its own (or several) so that the parent's work cannot
// delay the timestamps; every timestamp here is this process's performance.now().
// Protocol (IPC): the parent sends PushLoadOptions; the child opens the streams and answers 'ready' once each
// has its first `math` event. The parent sends 'go' (votes start), then 'stop-votes' (no new vote; the child
// answers 'votes-done' once every vote is answered), then 'finish' (streams closed; one PushLoadResult).
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface PushLoadOptions {
  base: string;
  conversation: string;
  tokens: string[];
  /** Index of this child's first participant among all of them: picks its loopback source address and its votes. */
  firstIndex: number;
  statementIds: number[];
  votesPerMinute: number;
  /** Deadline of a vote's answer, ms. */
  timeoutMs: number;
}

export interface PushLoadVote {
  /** Participant index within this child. */
  p: number;
  /** Answer arrival (performance.now() of this child). */
  answeredAt: number;
  /** Send → answer, ms. */
  ms: number;
  pid: number;
  tid: number;
  vote: number;
  createdAt: number;
}

export interface PushLoadResult {
  votes: PushLoadVote[];
  sent: number;
  errors: number;
  firstError: string | null;
  /** Per participant: the ticks of the `math` events of its stream and when each arrived, flattened [tick, at, tick, at, …]. */
  events: number[][];
  eventsReceived: number;
  streamErrors: number;
  firstStreamError: string | null;
  /** How late the votes left against their schedule (this process's timer lag), ms: p99 and max. */
  lagP99Ms: number;
  lagMaxMs: number;
  loopDelayMaxMs: number;
  cpuMs: number;
}

const names = ['agree', 'disagree', 'pass'] as const;
const values: Record<string, number> = { agree: 1, disagree: -1, pass: 0 };

/** A source address of its own per participant (all of 127/8 is loopback on Linux): the server caps streams per client address. */
export const sourceAddress = (g: number): string => `127.1.${Math.floor(g / 200)}.${(g % 200) + 1}`;

let o: PushLoadOptions;
const streams: http.ClientRequest[] = [];
const result: PushLoadResult = { votes: [], sent: 0, errors: 0, firstError: null, events: [], eventsReceived: 0, streamErrors: 0, firstStreamError: null, lagP99Ms: 0, lagMaxMs: 0, loopDelayMaxMs: 0, cpuMs: 0 };
const lag: number[] = [];
let voting = false;
let finishing = false;
const inFlight = new Set<Promise<void>>();
const timers: NodeJS.Timeout[] = [];
const delay = monitorEventLoopDelay({ resolution: 10 });
let cpu: NodeJS.CpuUsage;

process.on('disconnect', () => process.exit(1));

function streamError(p: number, message: string): void {
  if (finishing) return;
  result.streamErrors++;
  result.firstStreamError ??= `participant ${o.firstIndex + p}: ${message}`;
}

/** Opens participant p's event stream; resolves at its first `math` event. */
function openStream(p: number): Promise<void> {
  const url = new URL(`${o.base}/api/v1/conversations/${o.conversation}/events`);
  return new Promise((ready, fail) => {
    const req = http.get(
      { host: url.hostname, port: url.port, path: url.pathname, localAddress: sourceAddress(o.firstIndex + p), agent: false, headers: { accept: 'text/event-stream', 'x-participant-token': o.tokens[p]! } },
      (res) => {
        if (res.statusCode !== 200) {
          fail(new Error(`GET ${url.href} from ${sourceAddress(o.firstIndex + p)}: ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        let first = true;
        const seen = result.events[p]!;
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!block.startsWith('event: math\n')) continue;
            const tick = (JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { tick: number }).tick;
            result.eventsReceived++;
            // A tick announced again is no news; the first arrival is the push.
            if (seen.length === 0 || tick > seen[seen.length - 2]!) seen.push(tick, at);
            if (first) {
              first = false;
              ready();
            }
          }
        });
        res.on('end', () => streamError(p, 'stream ended'));
        res.on('error', (e) => streamError(p, e.message));
      },
    );
    req.on('error', (e) => (streamError(p, e.message), fail(e)));
    streams.push(req);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function cast(p: number, k: number, scheduled: number): Promise<void> {
  const g = o.firstIndex + p;
  // Each participant walks the statements in its own order, so every vote is a new one.
  const tid = o.statementIds[(g * 37 + k * 7) % o.statementIds.length]!;
  const vote = names[(g + k * 2) % 3]!;
  const body = JSON.stringify({ statementId: tid, vote });
  const url = new URL(`${o.base}/api/v1/conversations/${o.conversation}/votes`);
  const started = performance.now();
  lag.push(started - scheduled);
  result.sent++;
  return new Promise((done) => {
    const fail = (message: string) => {
      result.errors++;
      result.firstError ??= message;
      done();
    };
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, timeout: o.timeoutMs, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-participant-token': o.tokens[p]! } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          const answeredAt = performance.now();
          if (res.statusCode !== 200) return fail(`POST votes: ${res.statusCode} ${text.slice(0, 200)}`);
          const r = JSON.parse(text) as { statementId: number; vote: string; createdAt: number; participant: { pid: number } };
          result.votes.push({ p, answeredAt, ms: answeredAt - started, pid: r.participant.pid, tid: r.statementId, vote: values[r.vote]!, createdAt: r.createdAt });
          done();
        });
        res.on('error', (e) => fail(`POST votes: ${e.message}`));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${o.timeoutMs} ms`)));
    req.on('error', (e) => fail(`POST votes: ${e.message}`));
    req.end(body);
  });
}

function go(): void {
  voting = true;
  delay.enable();
  cpu = process.cpuUsage();
  const start = performance.now();
  const interval = 60_000 / o.votesPerMinute;
  for (let p = 0; p < o.tokens.length; p++) {
    // Phases spread evenly over the interval (deterministic), so the total rate is steady from the start.
    const phase = (((o.firstIndex + p) * 0.618033988749895) % 1) * interval;
    // Each timer sets the next at its absolute time, so a late timer does not shift the later votes (open loop).
    const schedule = (k: number) => {
      const at = start + phase + k * interval;
      const timer = setTimeout(() => {
        if (!voting) return;
        const done = cast(p, k, at);
        inFlight.add(done);
        void done.then(() => inFlight.delete(done));
        schedule(k + 1);
      }, Math.max(0, at - performance.now()));
      timers[p] = timer;
    };
    schedule(0);
  }
}

process.on('message', (message: PushLoadOptions | 'go' | 'stop-votes' | 'finish') => {
  if (message === 'go') return go();
  if (message === 'stop-votes') {
    voting = false;
    for (const t of timers) clearTimeout(t);
    void Promise.all([...inFlight]).then(() => process.send!('votes-done'));
    return;
  }
  if (message === 'finish') {
    finishing = true;
    delay.disable();
    const used = process.cpuUsage(cpu);
    for (const s of streams) s.destroy();
    agent.destroy();
    const sorted = Float64Array.from(lag).sort();
    result.lagP99Ms = sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]! * 10) / 10 : 0;
    result.lagMaxMs = sorted.length ? Math.round(sorted[sorted.length - 1]! * 10) / 10 : 0;
    result.loopDelayMaxMs = Math.round(delay.max / 1e5) / 10;
    result.cpuMs = Math.round((used.user + used.system) / 1000);
    process.send!(result, () => process.exit(0));
    return;
  }
  o = message;
  result.events = o.tokens.map(() => []);
  void (async () => {
    // 50 at a time: a thousand connects at once would only queue in the server's accept backlog.
    for (let i = 0; i < o.tokens.length; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, o.tokens.length - i) }, (_, j) => openStream(i + j)));
    }
    process.send!('ready');
  })().catch((error: unknown) => {
    process.stderr.write(`push load: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
});
