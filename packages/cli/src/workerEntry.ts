import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How to start one of the CLI's worker scripts: a `Worker` script (or code to eval) and its execArgv. */
export interface WorkerEntry {
  script: string | URL;
  eval: boolean;
  execArgv: string[];
}

/**
 * The worker script `name` beside the calling module: its .ts source through tsx's loader when running
 * from source (tests, `pnpm kuulo` before a build, the benches), else the built `name`.js / .cjs
 * beside the bundle.
 */
export function workerEntry(name: string, moduleUrl: string): WorkerEntry {
  if (moduleUrl.endsWith('.ts')) {
    const tsxPackage = createRequire(moduleUrl).resolve('tsx/package.json');
    const tsxApi = pathToFileURL(tsxPackage.replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
    const entry = new URL(`./${name}.ts`, moduleUrl).href;
    // Node 20 ignores --import hooks for a worker's own entry, hence the bootstrap.
    return { script: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, eval: true, execArgv: ['--conditions=@kuulo/source'] };
  }
  const url = new URL(moduleUrl.endsWith('.cjs') ? `./${name}.cjs` : `./${name}.js`, moduleUrl);
  if (!existsSync(fileURLToPath(url))) throw new Error(`worker script not found: ${fileURLToPath(url)} (add src/${name}.ts to the build entries)`);
  return { script: url, eval: false, execArgv: [] };
}
