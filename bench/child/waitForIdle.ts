import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Busy and total jiffies of all CPUs from /proc/stat (Linux), or null elsewhere. */
function cpuJiffies(): { busy: number; total: number } | null {
  if (!existsSync('/proc/stat')) return null;
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  // idle + iowait are fields 4 and 5 of the "cpu" line.
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

/** Share of all cores busy (0..1) over the next `ms` milliseconds, or null when unknown. */
export async function busyShare(ms: number): Promise<number | null> {
  const before = cpuJiffies();
  await sleep(ms);
  const after = cpuJiffies();
  if (!before || !after || after.total === before.total) return null;
  return (after.busy - before.busy) / (after.total - before.total);
}

/**
 * Wait up to `maxSeconds` for the machine to be quiet (under 15 % of all cores busy for three
 * one-second samples in a row), so other work does not distort a timing. Returns the last busy
 * share measured and the seconds waited.
 */
export async function waitForIdle(maxSeconds: number): Promise<{ busy: number | null; waitedSeconds: number }> {
  const started = performance.now();
  let quiet = 0;
  let busy = await busyShare(1000);
  while (busy !== null && (performance.now() - started) / 1000 < maxSeconds) {
    quiet = busy < 0.15 ? quiet + 1 : 0;
    if (quiet >= 3) break;
    busy = await busyShare(1000);
  }
  return { busy, waitedSeconds: Math.round((performance.now() - started) / 100) / 10 };
}
