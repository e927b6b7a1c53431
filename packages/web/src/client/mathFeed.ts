import type { ApiClient } from './apiClient';
import type { MathReply } from './apiTypes';

export interface MathFeed {
  /** Call with each tick the server announces; fetches the math when it is newer than what we have. */
  tick(tick: number): void;
  /** The latest math received, if any. */
  latest(): MathReply | null;
}

/**
 * Follows the conversation's math: one request at a time, only for ticks newer than the one
 * shown, and never before the first computation (tick 0 has no math to fetch).
 */
export function mathFeed(api: ApiClient, onMath: (reply: MathReply) => void, onError: (error: unknown) => void): MathFeed {
  let latest: MathReply | null = null;
  let etag: string | undefined;
  let wanted = 0;
  let running = false;

  async function run(): Promise<void> {
    running = true;
    try {
      while (wanted > (latest?.tick ?? 0)) {
        const target = wanted;
        const fetched = await api.math(etag);
        if (fetched) {
          etag = fetched.etag;
          if (fetched.reply.tick > (latest?.tick ?? 0)) {
            latest = fetched.reply;
            onMath(latest);
          }
        }
        // The server may still be storing the announced tick: stop instead of spinning.
        if ((latest?.tick ?? 0) < target) break;
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
    latest: () => latest,
  };
}
