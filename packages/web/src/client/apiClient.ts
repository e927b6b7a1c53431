import type { Translator } from '@kuulo/viz';
import type { MathReply } from './apiTypes';

/** An error reply of the API: HTTP status, the stable code and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  /** Absolute URL of a path under the conversation ('' is the conversation itself). */
  url(path: string): string;
  get<T>(path: string, headers?: Record<string, string>): Promise<T>;
  /** A request with a JSON body; without `body` (a DELETE) none is sent. */
  send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  /** The latest math, or null when `etag` is still current. */
  math(etag?: string): Promise<{ reply: MathReply; etag: string } | null>;
  /** A GET revalidated with `etag` (If-None-Match): the reply and its ETag, or null on 304. */
  conditional<T>(path: string, etag?: string, headers?: Record<string, string>): Promise<{ reply: T; etag: string } | null>;
}

/** Fetch wrapper for one conversation's API at `base` ('' for this server). */
export function apiClient(base: string, conversationId: string): ApiClient {
  return apiAt(`${base}/api/v1/conversations/${encodeURIComponent(conversationId)}`);
}

/** Fetch wrapper for the API paths under `root`, e.g. '/api/v1' for the admin console's server-wide calls. */
export function apiAt(root: string): ApiClient {
  const url = (path: string): string => root + path;
  const call = async <T>(path: string, init: RequestInit): Promise<T> => {
    const response = await fetch(url(path), { ...init, headers: { accept: 'application/json', ...(init.headers as Record<string, string>) } });
    const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const error = body as { code?: string; message?: string } | null;
      throw new ApiError(response.status, error?.code ?? 'HTTP_' + response.status, error?.message ?? response.statusText);
    }
    return body as T;
  };
  return {
    url,
    get: (path, headers = {}) => call(path, { headers }),
    send: (method, path, body, headers = {}) =>
      call(path, body === undefined ? { method, headers } : { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    math: (etag) => conditional<MathReply>('/math', etag),
    conditional,
  };

  async function conditional<T>(path: string, etag?: string, headers: Record<string, string> = {}): Promise<{ reply: T; etag: string } | null> {
    const response = await fetch(url(path), { headers: { accept: 'application/json', ...headers, ...(etag && { 'if-none-match': etag }) }, cache: 'no-store' });
    if (response.status === 304) return null;
    if (!response.ok) {
      const error = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
      throw new ApiError(response.status, error?.code ?? 'HTTP_' + response.status, error?.message ?? response.statusText);
    }
    return { reply: (await response.json()) as T, etag: response.headers.get('etag') ?? '' };
  }
}

/** Error codes people meet while taking part, each with a message of its own in the catalogs (`error.<CODE>`). */
const explainedCodes = new Set([
  'CONVERSATION_NOT_FOUND',
  'CONVERSATION_CLOSED',
  'STATEMENT_NOT_FOUND',
  'STATEMENT_DUPLICATE',
  'STATEMENT_REJECTED',
  'STATEMENT_NOT_ACCEPTED',
  'STATEMENT_LIMIT',
  'STATEMENT_ALLOWANCE',
  'PARTICIPANT_TOKEN_INVALID',
  'PARTICIPANT_REQUIRED',
  'XID_NOT_ALLOWED',
  'XID_SIGNATURE_INVALID',
  'XID_SIGNATURE_EXPIRED',
  'AUTH_REQUIRED',
  'AUTH_INVALID',
  'FORBIDDEN',
  'BODY_TOO_LARGE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL_ERROR',
]);

/**
 * A short message for a failed call, for people: in the reader's language for the codes above,
 * else the server's own message (it names the problem, e.g. which field is invalid).
 */
export function errorMessage(error: unknown, t?: Translator): string {
  if (error instanceof ApiError) return t && explainedCodes.has(error.code) ? t.t(`error.${error.code}`) : error.message;
  if (error instanceof TypeError) return t ? t.t('error.network') : 'The server could not be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
