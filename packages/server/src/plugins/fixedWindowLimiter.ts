/**
 * Counts hits per key in fixed time windows. Used for the per-participant write limit, which
 * @fastify/rate-limit cannot add on top of its per-address limit (it runs once per request).
 */
export class FixedWindowLimiter {
  #window = new Map<string, number>();
  #windowStart = 0;

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a hit; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string): number {
    const now = this.now();
    // A new window forgets every key at once, so memory never outgrows one window's writers.
    if (now - this.#windowStart >= this.windowMs) {
      this.#window.clear();
      this.#windowStart = now;
    }
    const count = (this.#window.get(key) ?? 0) + 1;
    this.#window.set(key, count);
    return count > this.max ? Math.max(1, Math.ceil((this.#windowStart + this.windowMs - now) / 1000)) : 0;
  }
}
