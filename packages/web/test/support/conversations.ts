import { expect } from 'vitest';
import type { TestServer } from './startServer.js';
import { adminKey } from './startServer.js';

type VoteName = 'agree' | 'disagree' | 'pass';

/** API set-up calls through app.inject (no network), failing loudly with the server's message. */
export function apiHelpers(server: TestServer) {
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, key: string | null = adminKey) => {
    const response = await server.api.inject({ method, url: `/api/v1${url}`, ...(body !== undefined && { payload: body as object }), headers: key ? { authorization: `Bearer ${key}` } : {} });
    if (response.statusCode >= 400) throw new Error(`${method} ${url} → ${response.statusCode} ${response.body}`);
    return response.json() as Record<string, any>;
  };
  return {
    call,
    async createConversation(id: string, topic: string, options: { description?: string; strictModeration?: boolean } = {}): Promise<string> {
      const reply = await call('POST', '/conversations', { id, topic, ...options });
      return reply.moderatorKey as string;
    },
    async seed(id: string, moderatorKey: string, texts: readonly string[]): Promise<number[]> {
      const ids: number[] = [];
      for (const text of texts) ids.push((await call('POST', `/conversations/${id}/seeds`, { text }, moderatorKey)).id as number);
      return ids;
    },
    async vote(id: string, xid: string, statementId: number, vote: VoteName): Promise<void> {
      await call('POST', `/conversations/${id}/votes`, { statementId, vote, xid }, null);
    },
    async mathTick(id: string): Promise<number> {
      return (await call('GET', `/conversations/${id}/math/status`, undefined, null)).tick as number;
    },
    /** Waits until the math has a tick above `after` (the server debounces recomputes). */
    async waitForMath(id: string, after = 0, timeoutMs = 20_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const tick = (await call('GET', `/conversations/${id}/math/status`, undefined, null)).tick as number;
        if (tick > after) return tick;
        expect(Date.now(), `math of '${id}' did not pass tick ${after} within ${timeoutMs} ms`).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
