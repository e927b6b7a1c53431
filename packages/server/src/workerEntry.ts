import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How to start a worker: a script URL, or bootstrap code run with `eval`. */
export interface WorkerEntry {
  script: URL | string;
  eval?: boolean;
  execArgv: string[];
}

/**
 * A worker script beside `moduleUrl`: `<name>.ts` through tsx's ESM loader when running from source
 * (vitest, `tsx src/server.ts`), or the built `<name>.js` next to a tsup bundle, at one of `builtPaths`.
 * (Node 20 ignores `--import` hooks for a worker's own entry, hence the small bootstrap.)
 */
export function workerEntry(moduleUrl: string, name: string, builtPaths: readonly string[], what: string): WorkerEntry {
  if (moduleUrl.endsWith('.ts')) {
    const tsxPackage = createRequire(moduleUrl).resolve('tsx/package.json');
    const tsxApi = pathToFileURL(tsxPackage.replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
    const entry = new URL(`./${name}.ts`, moduleUrl).href;
    const script = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    return { script, eval: true, execArgv: ['--conditions=@kuulo/source'] };
  }
  for (const candidate of builtPaths) {
    const url = new URL(candidate, moduleUrl);
    if (existsSync(fileURLToPath(url))) return { script: url, execArgv: [] };
  }
  throw new Error(`${what} script not found next to ${moduleUrl} (expected ${builtPaths.at(-1)!.replace(/^\.\//, '')}: add src/${builtPaths.at(-1)!.replace(/^\.\//, '').replace(/\.js$/, '.ts')} to the build entries)`);
}
