import { fileURLToPath } from 'node:url';
import { main } from '../src/main.js';

/** The real Polis exports kept with core's tests. */
export const fixtures = fileURLToPath(new URL('../../core/test/fixtures/', import.meta.url));

/** Runs the CLI in-process and collects what it writes. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false } });
  return { code, stdout, stderr };
}
