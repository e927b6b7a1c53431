import { loadavg } from 'node:os';

/** Peak resident set size of this process so far, in MB (Linux reports maxRSS in KB). */
export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** Wall and CPU (user + system, all threads) time of `work`, in ms: CPU time is what other load on the machine distorts least. */
export function timed<T>(work: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Print a child's result as its last stdout line, with the process's peak RSS added. */
export function emit(result: Record<string, unknown>): void {
  // The 1-minute load average shows whether other processes competed for the 2 cores during the run.
  process.stdout.write(`${JSON.stringify({ ...result, peak_rss_mb: peakRssMb(), loadavg_1m: Math.round(loadavg()[0]! * 100) / 100 })}\n`);
}
