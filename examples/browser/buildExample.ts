import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** One bundled file, kept in memory. */
export interface BuiltFile {
  contents: Uint8Array;
  contentType: string;
}

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Bundles the page script and the worker with esbuild into memory: `/main.js`, `/worker.js` and
 * their source maps. Inside this repository the `@kuulo/source` condition bundles core and viz from
 * their TypeScript sources, so nothing has to be built first.
 */
export async function buildExample(): Promise<Map<string, BuiltFile>> {
  const output = await build({
    entryPoints: { main: `${here}main.ts`, worker: `${here}worker.ts` },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@kuulo/source'],
    sourcemap: 'linked',
    outdir: `${here}dist`,
    write: false,
    logLevel: 'silent',
  });
  const files = new Map<string, BuiltFile>();
  for (const file of output.outputFiles) {
    const name = file.path.slice(file.path.lastIndexOf('/'));
    files.set(name, { contents: file.contents, contentType: name.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8' });
  }
  return files;
}
