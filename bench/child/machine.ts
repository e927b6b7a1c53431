import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The machine and code a result was measured on, printed with every result. */
export function machine(): { node: string; cpus: number; cpu: string; mem_gb: number; commit: string | null } {
  const list = cpus();
  return { node: process.version, cpus: list.length, cpu: list[0]?.model.trim() ?? 'unknown', mem_gb: Math.round(totalmem() / 2 ** 30), commit: commit() };
}

/** HEAD's short hash, with "+dirty" when core's sources differ from it; null outside a git checkout. */
function commit(): string | null {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', 'packages/core/src') === '' ? head : `${head}+dirty`;
  } catch {
    return null;
  }
}
