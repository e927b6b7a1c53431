import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

/** Inputs at least this big make the relaunch pay: it costs one Node start (about 50 ms). */
export const hugePagesMinBytes = 64e6;

const tunable = 'glibc.malloc.hugetlb=1';

/**
 * Whether to run this command again with glibc's malloc asking for transparent huge pages. On a
 * virtual machine the first write to each fresh 4 KB page costs microseconds, so filling the
 * hundreds of megabytes of typed arrays a big votes file needs cost about as much as parsing it
 * (measured: 80 MB first written in 250–400 ms with 4 KB pages, 15–35 ms with huge pages). glibc reads
 * the tunable only at start-up, hence a new process. Opt-in since the helper thread shares the big
 * arrays (SharedArrayBuffers): with it, huge pages measured slower (50k × 2,000: 1.97 → 2.15 s; 200k:
 * 5.66 → 6.22 s, system time doubled). `KUULO_HUGE_PAGES=auto` relaunches on Linux with THP in
 * `madvise` mode (with `always` the kernel already does it), for an argument naming a file of
 * `minBytes` or more, never twice; `1` always does (on Linux); unset or `0` never.
 */
export function wantsHugePages(argv: readonly string[], env: NodeJS.ProcessEnv, options: { platform?: string; thpMode?: string | null; minBytes?: number } = {}): boolean {
  if ((options.platform ?? process.platform) !== 'linux') return false;
  const choice = env.KUULO_HUGE_PAGES;
  if ((choice !== '1' && choice !== 'auto') || (env.GLIBC_TUNABLES ?? '').includes('glibc.malloc.hugetlb')) return false;
  if (choice === '1') return true;
  const mode = options.thpMode === undefined ? thpMode() : options.thpMode;
  if (mode !== 'madvise') return false;
  const minBytes = options.minBytes ?? hugePagesMinBytes;
  return argv.some((arg) => !arg.startsWith('-') && fileSize(arg) >= minBytes);
}

/** Runs the same command in a child with the tunable set and returns its exit code; null when it could not start. */
export function relaunchWithHugePages(): number | null {
  const existing = process.env.GLIBC_TUNABLES;
  const result = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, GLIBC_TUNABLES: existing ? `${existing}:${tunable}` : tunable },
  });
  if (result.error) return null;
  // Die of the same signal, so a caller's shell sees what happened.
  if (result.signal) process.kill(process.pid, result.signal);
  return result.status ?? 1;
}

// The active mode of /sys/kernel/mm/transparent_hugepage/enabled ("always", "madvise", "never"), or null.
function thpMode(): string | null {
  try {
    return /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

function fileSize(path: string): number {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : 0;
  } catch {
    return 0;
  }
}
