import { fileURLToPath } from 'node:url';
import { main } from '../src/main.js';

/** The real Polis exports kept with core's tests. */
export const fixtures = fileURLToPath(new URL('../../core/test/fixtures/', import.meta.url));

/** Runs the CLI in-process and collects what it writes; `tty` makes stderr claim to be a terminal. */
export async function runCli(argv: string[], options: { tty?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false } };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
