import type { Translator } from '@kuulo/viz';
import type { ApiClient } from './apiClient';
import { safeStorage } from './safeStorage';

/** What every part of the admin console works with once the admin key is known. */
export interface AdminSession {
  t: Translator;
  /** The admin key, sent with every call. */
  key: string;
  /** Server-wide API under /api/v1 (list, create, featured), with the admin key. */
  root: ApiClient;
  /** One conversation's API, every call with the admin key. */
  conversationApi(id: string): ApiClient;
  /** Says something to screen readers (and shows it briefly). */
  announce(text: string): void;
  /** Runs `stop` when the reader leaves the current view (closes event streams). */
  onLeave(stop: () => void): void;
}

/** `Authorization` for a key. */
export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** An API client whose every call carries `headers` (the admin key), so panels need not know about keys. */
export function withHeaders(api: ApiClient, headers: Record<string, string>): ApiClient {
  return {
    url: api.url,
    get: (path, extra = {}) => api.get(path, { ...headers, ...extra }),
    send: (method, path, body, extra = {}) => api.send(method, path, body, { ...headers, ...extra }),
    math: (etag) => api.conditional('/math', etag, headers),
    conditional: (path, etag, extra = {}) => api.conditional(path, etag, { ...headers, ...extra }),
  };
}

/** The admin key, kept for this browser tab only (sessionStorage), like the moderator key. */
export function adminKeyStore(): { get(): string | null; set(key: string): void; clear(): void } {
  const storage = safeStorage('session');
  const name = 'kuulo.admin';
  return {
    get: () => storage.getItem(name),
    set: (key) => storage.setItem(name, key),
    clear: () => storage.removeItem(name),
  };
}
