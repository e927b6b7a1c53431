import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Real Polis exports copied into the repo (see ../fixtures/README.md).
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

export const mathFixtureNames = ['below-100-ptpts', '25ptpt-3gp-no-strict-with-meta', '50ptpt-3gp-strict-no-meta'] as const;
export const openDataNames = ['15-per-hour-seattle', 'brexit-consensus', 'canadian-electoral-reform', 'scoop-hivemind.ubi', 'vtaiwan.uberx'] as const;

/** Text of `polis-math-fixtures/<name>/<file>`. */
export function mathFixtureText(name: string, file: string): string {
  return readFileSync(`${fixtures}polis-math-fixtures/${name}/${file}`, 'utf8');
}

/** Text of `open-data/<name>/<file>`. */
export function openDataText(name: string, file: string): string {
  return readFileSync(`${fixtures}open-data/${name}/${file}`, 'utf8');
}

/** Bytes of `open-data/<name>/<file>`. */
export function openDataBytes(name: string, file: string): Uint8Array {
  return new Uint8Array(readFileSync(`${fixtures}open-data/${name}/${file}`));
}

/** Expects `run` to throw a PolisDataError-like error and returns it for further checks. */
export function thrown(run: () => unknown): Error & { source?: string; line?: number; field?: string; value?: string } {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}
