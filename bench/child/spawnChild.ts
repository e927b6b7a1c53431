import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type ChildOutcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: string };

/**
 * Run `bench/tasks/<task>.ts` in a fresh Node process (tsx loader, large heap) so its peak RSS and
 * JIT state are its own. Resolves with the JSON object on the child's last stdout line, or an error
 * naming the exit code, signal or timeout with the tail of its stderr.
 */
export function spawnChild(task: string, argv: string[], options: { heapMb: number; timeoutSeconds: number; hugePages?: boolean }): Promise<ChildOutcome> {
  const script = `bench/tasks/${task}.ts`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${options.heapMb}`, '--import', 'tsx', script, ...argv], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      // What the CLI does for big inputs (packages/cli/src/hugePages.ts); glibc reads it only at start-up.
      env: options.hugePages ? { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' } : process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ ok: false, error: `timeout after ${options.timeoutSeconds} s` });
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0) {
        try {
          return resolve({ ok: true, result: JSON.parse(last) as Record<string, unknown> });
        } catch {
          return resolve({ ok: false, error: `${script} printed no JSON last line: ${last.slice(0, 200)}` });
        }
      }
      // Name the thrown error when there is one; otherwise show the end of stderr.
      const lines = stderr.trim().split('\n');
      const thrown = lines.find((line) => /^\w*(Error|Exception)\b/.test(line.trim()));
      resolve({ ok: false, error: `${script} exited with ${signal ?? code}: ${thrown?.trim() ?? lines.slice(-5).join(' | ')}` });
    });
  });
}
