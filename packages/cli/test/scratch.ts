import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new temporary folder holding copies of `files` from the folder `from` (path ending in /). */
export function scratch(from: string, files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kuulo-cli-'));
  for (const f of files) copyFileSync(from + f, join(dir, f));
  return dir;
}
