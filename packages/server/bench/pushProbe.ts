// Child process of the cluster case: the vote-to-push probes, in a process of their own so that the load
// generator's work (autocannon runs in the parent) cannot delay a probe's timestamps.
// It follows the probe conversation's event stream on one instance and, one probe at a time, votes on
// that conversation through another instance. Nobody else votes on the probe conversation, so the first
// `math` event after a probe's vote is the tick that vote caused. A probe's latency runs from the arrival
// of its vote's HTTP answer (the vote is committed) to the arrival of that `math` event on the stream.
// Before each probe the stream must be quiet and the probe conversation's math idle on every instance.
// Protocol (IPC): the parent sends PushProbeOptions; the child answers 'ready' once the stream is open.
// Then the parent sends { run: count } (count 0 = until 'stop'), the child answers one PushProbeResult
// per run; 'exit' ends the child.

export interface PushProbeOptions {
  /** Base URLs of the instances that receive the probe votes, taken in turn. */
  voteBases: string[];
  /** Base URL of the instance whose event stream is followed. */
  streamBase: string;
  conversation: string;
  tokens: string[];
  statementIds: number[];
  /** Pause after each probe's push, so the next vote finds no computation running. */
  gapMs: number;
  /**
   * Before each vote the stream must have been quiet this long (the debounce and a margin) and no instance may
   * have the probe conversation's math pending or running: a second computation after the push (e.g. one
   * instance's sweep and another's debounce both computing the vote) would otherwise pass for the next push.
   */
  quietMs: number;
  /** A probe whose push has not arrived after this long counts in `timeouts`. */
  timeoutMs: number;
}

export interface PushProbeResult {
  /** Vote answer → math event, ms, one per completed probe. */
  ms: number[];
  /** New ticks no probe was waiting for (a computation after the one that carried a probe's vote; repeats of a tick are not counted). */
  strayTicks: number;
  timeouts: number;
  errors: number;
  /** Probes whose math event arrived before the vote's answer (counted in `ms` as negative values). */
  pushBeforeAnswer: number;
}

const votes = ['agree', 'disagree', 'pass'];
let options: PushProbeOptions | undefined;
let latestTick = -1;
let lastTickAt = 0;
let strayTicks = 0;
/** Resolves the probe waiting for a tick, if any. */
let onTick: ((tick: number, at: number) => void) | null = null;
let stopped = false;
let probeIndex = 0;
const abort = new AbortController();

process.on('disconnect', () => process.exit(1));

async function follow(url: string): Promise<void> {
  const res = await fetch(url, { signal: abort.signal });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  process.send!('ready');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the event stream ${url} ended`);
    const at = performance.now();
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^event: math$/m.test(block)) {
        const tick = (JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as { tick: number }).tick;
        // A tick announced again (e.g. by the instance's catch-up poll) is no news.
        if (tick <= latestTick) continue;
        latestTick = tick;
        lastTickAt = at;
        if (onTick) onTick(tick, at);
        else strayTicks++;
      }
    }
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits until the stream has been quiet for `quietMs` and no instance has the probe conversation's math pending or running. */
async function quiet(o: PushProbeOptions): Promise<void> {
  const deadline = performance.now() + o.timeoutMs;
  for (;;) {
    const wait = lastTickAt + o.quietMs - performance.now();
    if (wait > 0) await sleep(wait);
    else {
      const states = await Promise.all(
        [...new Set([...o.voteBases, o.streamBase])].map(async (base) => {
          try {
            const res = await fetch(`${base}/api/v1/conversations/${o.conversation}/math/status`, { signal: AbortSignal.timeout(o.timeoutMs) });
            return (await res.json()) as { pending: boolean; running: boolean };
          } catch {
            return { pending: true, running: true };
          }
        }),
      );
      if (states.every((st) => !st.pending && !st.running) && performance.now() - lastTickAt >= o.quietMs) return;
      if (performance.now() > deadline) return;
      await sleep(50);
    }
  }
}

/** One probe: 'ms' (answer → push), 'timeout' or 'error'. */
async function probe(o: PushProbeOptions): Promise<number | 'timeout' | 'error'> {
  await quiet(o);
  const i = probeIndex++;
  const token = o.tokens[i % o.tokens.length]!;
  const statementId = o.statementIds[Math.floor(i / o.tokens.length) % o.statementIds.length]!;
  // Each (participant, statement) pair comes round again with another value, so every probe changes a vote.
  const vote = votes[Math.floor(i / (o.tokens.length * o.statementIds.length)) % 3]!;
  const base = o.voteBases[i % o.voteBases.length]!;
  const before = latestTick;
  let pushedAt: number | undefined;
  const pushed = new Promise<void>((done) => {
    onTick = (tick, at) => {
      if (tick > before && pushedAt === undefined) {
        pushedAt = at;
        done();
      } else strayTicks++;
    };
  });
  let answeredAt: number;
  try {
    const res = await fetch(`${base}/api/v1/conversations/${o.conversation}/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-participant-token': token },
      body: JSON.stringify({ statementId, vote }),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    await res.text();
    answeredAt = performance.now();
    if (res.status !== 200) return 'error';
  } catch {
    return 'error';
  }
  const timer = sleep(o.timeoutMs).then(() => 'timeout' as const);
  const outcome = await Promise.race([pushed.then(() => 'pushed' as const), timer]);
  // Later ticks count as stray from here on.
  onTick = null;
  if (outcome === 'timeout') return 'timeout';
  return pushedAt! - answeredAt;
}

process.on('message', (message: PushProbeOptions | { run: number } | 'stop' | 'exit') => {
  if (message === 'stop') {
    stopped = true;
    return;
  }
  if (message === 'exit') {
    abort.abort();
    process.exit(0);
  }
  if ('run' in message) {
    stopped = false;
    const o = options!;
    void (async () => {
      strayTicks = 0;
      const result: PushProbeResult = { ms: [], strayTicks: 0, timeouts: 0, errors: 0, pushBeforeAnswer: 0 };
      while (!stopped && (message.run === 0 || result.ms.length + result.timeouts + result.errors < message.run)) {
        const r = await probe(o);
        // A probe still waiting when the load stopped was not under load all along: it is dropped.
        if (stopped && message.run === 0) break;
        if (r === 'timeout') result.timeouts++;
        else if (r === 'error') result.errors++;
        else {
          result.ms.push(Math.round(r * 10) / 10);
          if (r < 0) result.pushBeforeAnswer++;
        }
        await sleep(o.gapMs);
      }
      result.strayTicks = strayTicks;
      process.send!(result);
    })();
    return;
  }
  options = message;
  follow(`${message.streamBase}/api/v1/conversations/${message.conversation}/events`).catch((error: unknown) => {
    if (abort.signal.aborted) return;
    process.stderr.write(`push probe: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
});
