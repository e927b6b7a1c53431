// Small HTTP helpers of the big-conversation case: every call is bounded in time and says what failed.

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** One request with a deadline; the body is read to the end. */
export async function call(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  const { timeoutMs = 60_000, ...rest } = init;
  const res = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A request that must succeed (2xx), answered with JSON. */
export async function callJson<T = Record<string, unknown>>(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<T> {
  const answer = await call(url, init);
  if (answer.status < 200 || answer.status > 299) throw new Error(`${init.method ?? 'GET'} ${url}: ${answer.status} ${answer.text.slice(0, 500)}`);
  return JSON.parse(answer.text) as T;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Imports a conversation (admin key) and resolves when it is stored: at the 201 of a synchronous import,
 * or, when the server answers 202 with a job to follow (Location header or `job.url`), when the job is done.
 */
export async function importConversation(base: string, admin: string, body: string, timeoutMs: number): Promise<{ ms: number; reply: Record<string, unknown> }> {
  const started = performance.now();
  const deadline = started + timeoutMs;
  const url = `${base}/api/v1/conversations/import`;
  const answer = await call(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body, timeoutMs });
  if (answer.status === 201 || answer.status === 200) return { ms: performance.now() - started, reply: JSON.parse(answer.text) as Record<string, unknown> };
  if (answer.status !== 202) throw new Error(`POST ${url}: ${answer.status} ${answer.text.slice(0, 500)}`);
  const accepted = JSON.parse(answer.text) as { job?: { url?: string } };
  const location = answer.headers.get('location') ?? accepted.job?.url;
  if (!location) throw new Error(`POST ${url}: 202 without a Location header or job.url to follow: ${answer.text.slice(0, 500)}`);
  const jobUrl = new URL(location, base).href;
  for (;;) {
    if (performance.now() > deadline) throw new Error(`import job ${jobUrl} not done after ${timeoutMs} ms`);
    await sleep(200);
    const job = await callJson<Record<string, unknown>>(jobUrl, { headers: { authorization: `Bearer ${admin}` } });
    const state = String(job.state ?? job.status ?? (job.job as Record<string, unknown> | undefined)?.state ?? '');
    if (state === 'done' || state === 'succeeded' || state === 'complete' || state === 'completed') return { ms: performance.now() - started, reply: job };
    if (state === 'failed' || state === 'error') throw new Error(`import job ${jobUrl} failed: ${JSON.stringify(job).slice(0, 500)}`);
  }
}

/** Waits until the conversation's math has a tick ≥ `minTick` and nothing is pending or running. */
export async function waitForMath(base: string, id: string, minTick: number, timeoutMs: number): Promise<{ tick: number; ms: number }> {
  const started = performance.now();
  for (;;) {
    const s = await callJson<{ tick: number; pending: boolean; running: boolean; error: string | null }>(`${base}/api/v1/conversations/${id}/math/status`);
    if (s.tick >= minTick && !s.pending && !s.running) return { tick: s.tick, ms: performance.now() - started };
    if (performance.now() - started > timeoutMs) throw new Error(`conversation ${id}: math at tick ${s.tick} (want ≥ ${minTick}), pending ${s.pending}, running ${s.running}, error ${s.error} after ${timeoutMs} ms`);
    await sleep(250);
  }
}
