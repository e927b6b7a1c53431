// The loads of the big-conversation case's window: report-page readers, open-loop votes and a CSV export.
import { sleep } from './benchHttp.js';

/** An error's message and, for a fetch that failed, its cause (e.g. ECONNRESET, UND_ERR_SOCKET). */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message} (${cause.code ?? cause.message})` : error.message;
}

export type ReaderKind = 'conversation' | 'statements' | 'comments' | 'math';

export interface ReaderRecord {
  latency: Record<ReaderKind, number[]>;
  /** When each answer arrived (performance.now()), for requests per second within the window. */
  doneAt: number[];
  errors: number;
  firstError: string | null;
}

export const newReaderRecord = (): ReaderRecord => ({ latency: { conversation: [], statements: [], comments: [], math: [] }, doneAt: [], errors: 0, firstError: null });

/**
 * What an open report page does on every math event, in a closed loop while `running()`: the
 * conversation, every statement page (500 a page), Polis's /api/v3/comments, and the math with If-None-Match.
 */
export async function readerLoop(base: string, id: string, running: () => boolean, record: ReaderRecord): Promise<void> {
  const v1 = `${base}/api/v1/conversations/${id}`;
  let etag: string | undefined;
  const get = async (kind: ReaderKind, url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string } | null> => {
    if (!running()) return null;
    const started = performance.now();
    try {
      const res = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(120_000) });
      const text = await res.text();
      const done = performance.now();
      record.latency[kind].push(done - started);
      record.doneAt.push(done);
      if (res.status >= 400) throw new Error(`${res.status} ${text.slice(0, 200)}`);
      return { status: res.status, headers: res.headers, text };
    } catch (error) {
      record.errors++;
      record.firstError ??= `GET ${url}: ${describe(error)}`;
      await sleep(100);
      return null;
    }
  };
  while (running()) {
    await get('conversation', v1);
    for (let after: number | null = -1; after !== null; ) {
      const page = await get('statements', `${v1}/statements?limit=500&after=${after}`);
      after = page ? (JSON.parse(page.text) as { next: number | null }).next : null;
    }
    await get('comments', `${base}/api/v3/comments?conversation_id=${encodeURIComponent(id)}`);
    const math = await get('math', `${v1}/math`, etag ? { 'if-none-match': etag } : {});
    if (math?.status === 200) etag = math.headers.get('etag') ?? undefined;
  }
}

export interface VoteRecord {
  sent: number;
  acked: number;
  errors: number;
  firstError: string | null;
  latency: number[];
  /** How late each vote left against its schedule (the bench's own timer lag). */
  lag: number[];
}

/**
 * Open-loop votes on the small conversation: vote i leaves at start + i / rate on its own timer while
 * `running()`, whatever the earlier votes are doing; latency is from its send to its answer. Resolves
 * when every vote sent is answered.
 */
export function voteStream(options: { base: string; id: string; start: number; rate: number; running: () => boolean; tokens: string[]; statementIds: number[] }): Promise<VoteRecord> {
  const record: VoteRecord = { sent: 0, acked: 0, errors: 0, firstError: null, latency: [], lag: [] };
  const url = `${options.base}/api/v1/conversations/${options.id}/votes`;
  const names = ['agree', 'disagree', 'pass'];
  let x = 4242;
  const cast = async (scheduled: number): Promise<void> => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const token = options.tokens[x % options.tokens.length]!;
    const body = JSON.stringify({ statementId: options.statementIds[(x >>> 8) % options.statementIds.length], vote: names[(x >>> 24) % 3] });
    const started = performance.now();
    record.lag.push(started - scheduled);
    record.sent++;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-participant-token': token }, body, signal: AbortSignal.timeout(120_000) });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${res.status} ${text.slice(0, 200)}`);
      record.latency.push(performance.now() - started);
      record.acked++;
    } catch (error) {
      record.errors++;
      record.firstError ??= `POST ${url}: ${describe(error)}`;
    }
  };
  const votes: Promise<void>[] = [];
  return new Promise((resolve) => {
    // Each timer sets the next one at its absolute time, so a late timer does not shift the later votes.
    const schedule = (i: number): void => {
      const scheduled = options.start + (i * 1000) / options.rate;
      setTimeout(
        () => {
          if (!options.running()) {
            void Promise.all(votes).then(() => resolve(record));
            return;
          }
          votes.push(cast(scheduled));
          schedule(i + 1);
        },
        Math.max(0, scheduled - performance.now()),
      );
    };
    schedule(0);
  });
}

/** Reads a CSV export to its end, at most `kbPerS` KB/s when given (to exercise back-pressure). */
export async function readExport(url: string, admin: string, kbPerS: number, timeoutMs: number): Promise<{ status: number; first_byte_ms: number; ms: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${admin}` }, signal: AbortSignal.timeout(timeoutMs) });
  const firstByte = performance.now() - started;
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (kbPerS > 0) {
      const ahead = (bytes / 1024 / kbPerS) * 1000 - (performance.now() - started);
      if (ahead > 0) await sleep(ahead);
    }
  }
  return { status: res.status, first_byte_ms: Math.round(firstByte), ms: Math.round(performance.now() - started), bytes };
}
