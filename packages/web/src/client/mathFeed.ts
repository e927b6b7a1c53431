import type { ApiClient } from './apiClient';
import type { MathReply } from './apiTypes';

/** Fetches the latest reply of a math endpoint, revalidating with `etag`: null when it is still current (304). */
export type MathSource<R> = (etag?: string) => Promise<{ reply: R; etag: string } | null>;

export interface MathFeed<R extends { tick: number } = MathReply> {
  /** Call with each tick the server announces; fetches the math when it is newer than what we have. */
  tick(tick: number): void;
  /**
   * Fetches the math again even at the same tick, for a change within it (a bootstrap's
   * `uncertainty` arrived, or the participant became known); the ETag answers 304 when nothing changed.
   */
  refresh(): void;
  /** The latest math received, if any. */
  latest(): R | null;
}

/**
 * Follows the conversation's math: one request at a time, only for ticks newer than the one
 * shown, and never before the first computation (tick 0 has no math to fetch). `source` is the
 * API (GET …/math, the whole result) or any endpoint with a tick, such as GET …/math/participant.
 */
export function mathFeed(api: ApiClient, onMath: (reply: MathReply) => void, onError: (error: unknown) => void): MathFeed<MathReply>;
export function mathFeed<R extends { tick: number }>(source: MathSource<R>, onMath: (reply: R) => void, onError: (error: unknown) => void): MathFeed<R>;
export function mathFeed<R extends { tick: number }>(source: ApiClient | MathSource<R>, onMath: (reply: R) => void, onError: (error: unknown) => void): MathFeed<R> {
  const fetchLatest = typeof source === 'function' ? source : (source.math.bind(source) as unknown as MathSource<R>);
  let latest: R | null = null;
  let etag: string | undefined;
  let wanted = 0;
  let again = false;
  let running = false;

  async function run(): Promise<void> {
    running = true;
    try {
      while (again || wanted > (latest?.tick ?? 0)) {
        const target = wanted;
        const sameTickToo = again;
        again = false;
        const fetched = await fetchLatest(etag);
        if (fetched) {
          etag = fetched.etag;
          const tick = latest?.tick ?? 0;
          if (fetched.reply.tick > tick || (sameTickToo && latest !== null && fetched.reply.tick === tick)) {
            latest = fetched.reply;
            onMath(latest);
          }
        }
        // The server may still be storing the announced tick: stop instead of spinning.
        if ((latest?.tick ?? 0) < target && !again) break;
      }
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  }

  return {
    tick(tick) {
      wanted = Math.max(wanted, tick);
      if (!running && wanted > (latest?.tick ?? 0)) void run();
    },
    refresh() {
      // Nothing shown yet: the next tick fetches everything anyway.
      if (latest === null) return;
      again = true;
      if (!running) void run();
    },
    latest: () => latest,
  };
}
