/** Count, p50, p99 and max (nearest rank, ms to 0.1) of latencies in ms; nulls when there are none. */
export function latencySummary(ms: number[]): { count: number; p50_ms: number | null; p99_ms: number | null; max_ms: number | null } {
  if (ms.length === 0) return { count: 0, p50_ms: null, p99_ms: null, max_ms: null };
  const sorted = Float64Array.from(ms).sort();
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! * 10) / 10;
  return { count: sorted.length, p50_ms: at(0.5), p99_ms: at(0.99), max_ms: at(1) };
}
