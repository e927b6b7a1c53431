/** Peak resident set size of this process so far, in MB (Linux reports maxRSS in KB). */
export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** Print a child's result as its last stdout line, with the process's peak RSS added. */
export function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...result, peak_rss_mb: peakRssMb() })}\n`);
}
