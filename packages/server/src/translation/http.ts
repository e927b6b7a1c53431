import { setTimeout as sleep } from 'node:timers/promises';
import { TranslationError } from './provider.js';

export interface PostOptions {
  provider: string;
  /** Sent, never shown: removed from any error text that echoes it. */
  apiKey?: string | undefined;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Further attempts after a 429 or 5xx answer. */
  retries: number;
  /** First wait before a retry in ms, doubled each time (a 429's Retry-After wins, up to 30 s). */
  retryDelayMs: number;
  signal: AbortSignal;
}

/** Largest provider answer read, in bytes: a translation of one statement is a few KB. */
const maxBodyBytes = 1 << 20;

/** `path` under the base URL, keeping the base's query (some gateways take a key or API version there). */
export function endpoint(base: string, path: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  return url.href;
}

/** The URL as shown in errors and logs: no user:password, no query (some gateways take the key there). */
export function shownUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/**
 * POSTs JSON and returns the parsed JSON answer. Each attempt has its own time limit; only 429 and 5xx
 * answers are tried again (other failures would fail the same way), with doubling waits.
 */
export async function postJson(url: string, body: unknown, options: PostOptions): Promise<unknown> {
  const where = shownUrl(url);
  // No `cause`: fetch's own errors may carry the full URL, query and all.
  const fail = (status: number | undefined, detail: string) => new TranslationError(options.provider, where, status, redact(detail, options.apiKey));
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
        body: JSON.stringify(body),
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
      });
    } catch (error) {
      if (options.signal.aborted) throw fail(undefined, 'stopped: the server is closing');
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw fail(undefined, timedOut ? `no answer within ${options.timeoutMs} ms` : `request failed (${causeOf(error)})`);
    }
    const text = await readLimited(response).catch((error: unknown) => {
      throw fail(response.status, `reading the answer failed (${causeOf(error)})`);
    });
    if (response.ok) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw fail(response.status, `the answer is not JSON: ${excerpt(text)}`);
      }
    }
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt >= options.retries) throw fail(response.status, errorDetail(text));
    await sleep(retryWait(response, options.retryDelayMs * 2 ** attempt), undefined, { signal: options.signal }).catch(() => {
      throw fail(undefined, 'stopped: the server is closing');
    });
  }
}

/** Retry-After in seconds when the provider gives one (bounded), else the backoff. */
function retryWait(response: Response, backoffMs: number): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 30_000) : backoffMs;
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`answer larger than ${maxBodyBytes} bytes`);
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The provider's own error message when its answer has one ({error: "…"} or {error: {message}}), else the start of the body. */
function errorDetail(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown };
    const error = json.error as { message?: unknown } | string | undefined;
    const message = typeof error === 'string' ? error : typeof error?.message === 'string' ? error.message : json.message;
    if (typeof message === 'string') return excerpt(message);
  } catch {
    // Not JSON: an HTML error page from a proxy, say.
  }
  return text === '' ? 'empty answer' : excerpt(text);
}

const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
};

const causeOf = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
};

/** A provider that echoes the request (or the key) in its error must not put the key into our logs. */
const redact = (text: string, key: string | undefined): string => (key ? text.replaceAll(key, '[key]') : text);
