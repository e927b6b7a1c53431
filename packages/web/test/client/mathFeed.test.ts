import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src/client/apiClient.js';
import type { MathReply } from '../../src/client/apiTypes.js';
import { mathFeed } from '../../src/client/mathFeed.js';

/** A math endpoint that serves `current` and answers 304 while the client's ETag still matches. */
function fakeApi() {
  const state = { current: null as MathReply | null, version: '', calls: 0 };
  const api = {
    async math(etag?: string) {
      state.calls++;
      if (!state.current || etag === state.version) return null;
      return { reply: state.current, etag: state.version };
    },
  } as unknown as ApiClient;
  return { api, state };
}

const reply = (tick: number, withUncertainty = false) => ({ tick, computedAt: tick, result: { tick, ...(withUncertainty && { uncertainty: {} }) } }) as unknown as MathReply;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('mathFeed(api, onMath)', () => {
  it('refresh() refetches the same tick (a bootstrap arrived) and hands over the new reply once', async () => {
    const { api, state } = fakeApi();
    const seen: MathReply[] = [];
    const feed = mathFeed(api, (r) => seen.push(r), (e) => { throw e; });
    feed.refresh(); // nothing shown yet: no request
    expect(state.calls).toBe(0);
    state.current = reply(3);
    state.version = '3';
    feed.tick(3);
    await settle();
    expect(seen.map((r) => r.tick)).toEqual([3]);
    // Same tick, new body (uncertainty attached): only refresh() picks it up.
    state.current = reply(3, true);
    state.version = '3-u1';
    feed.tick(3);
    await settle();
    expect(seen).toHaveLength(1);
    feed.refresh();
    await settle();
    expect(seen).toHaveLength(2);
    expect(seen[1]!.result.uncertainty).toBeDefined();
    // Nothing changed: the ETag answers 304 and nothing is handed over.
    feed.refresh();
    await settle();
    expect(seen).toHaveLength(2);
    expect(state.calls).toBe(3);
  });
});
