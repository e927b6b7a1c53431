#!/usr/bin/env node
// `pnpm kuulo`: the built CLI in this process when current, else the source through tsx, whose compile costs ~1 s a call (issue #19).
// KUULO_FROM_SOURCE=1 forces the source; KUULO_LAUNCHER_ROOT points at another workspace (the tests use a fake one).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The workspace this launcher runs: KUULO_LAUNCHER_ROOT, else the repository it lives in. */
export function launcherRoot() {
  return resolve(process.env.KUULO_LAUNCHER_ROOT || fileURLToPath(new URL('..', import.meta.url)));
}

// @kuulo/cli and its workspace dependencies, transitively: server and web load only for `migrate`, but would load stale there.
function workspacePackages(root) {
  const dirs = new Map();
  const visit = (dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (dirs.has(manifest.name)) return;
    dirs.set(manifest.name, dir);
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (name.startsWith('@kuulo/') && String(range).startsWith('workspace:')) visit(join(root, 'packages', name.slice('@kuulo/'.length)));
    }
  };
  visit(join(root, 'packages', 'cli'));
  return [...dirs.values()];
}

// Directories count too: deleting or renaming a source file changes only its directory's mtime.
function newestUnder(path, newest) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return newest; // tsconfig.base.json may be absent; a file may vanish mid-walk
  }
  if (stats.mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: stats.mtimeMs };
  if (stats.isDirectory()) for (const entry of readdirSync(path)) newest = newestUnder(join(path, entry), newest);
  return newest;
}

// Only files: tsup's clean build rewrites every one, so the oldest is when the build started writing.
function oldestFileUnder(path, oldest) {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) oldest = oldestFileUnder(child, oldest);
    else oldest = Math.min(oldest, statSync(child).mtimeMs);
  }
  return oldest;
}

/**
 * Whether the built CLI under `root` is current, by mtimes alone (~550 stats, 5-15 ms): in every package it loads,
 * the oldest file in dist/ must be newer than the newest of that package's sources (src/**, locales/**,
 * package.json, tsconfig.json, tsup.config.*) and the shared tsconfig.base.json. Per package, because
 * tsup keeps @kuulo/* imports external: a dist holds only its own package's code. `reason` says why not.
 */
export function decide(root = launcherRoot()) {
  try {
    const shared = newestUnder(join(root, 'tsconfig.base.json'), { path: '', mtimeMs: -Infinity });
    for (const dir of workspacePackages(root)) {
      let distOldest;
      try {
        distOldest = oldestFileUnder(join(dir, 'dist'), Infinity);
      } catch {
        distOldest = Infinity; // no dist/: read below as "no build"
      }
      if (distOldest === Infinity) return { current: false, reason: `there is no build in ${relative(root, join(dir, 'dist'))}` };
      const inputs = readdirSync(dir).filter((name) => ['src', 'locales', 'package.json', 'tsconfig.json'].includes(name) || /^tsup\.config\./.test(name));
      let newest = shared;
      for (const name of inputs) newest = newestUnder(join(dir, name), newest);
      if (!(distOldest > newest.mtimeMs)) return { current: false, reason: `the build is older than the source (${relative(root, newest.path)})` };
    }
    if (!existsSync(join(root, 'packages', 'cli', 'dist', 'bin.js'))) return { current: false, reason: 'there is no packages/cli/dist/bin.js' };
    return { current: true, reason: 'every build is newer than its source' };
  } catch (error) {
    return { current: false, reason: `the build could not be checked (${error instanceof Error ? error.message : String(error)})` };
  }
}

// As `tsx --conditions=@kuulo/source packages/cli/src/bin.ts` did (stdio, exit code, fatal signal), minus tsx's relay process.
// The launcher's own node flags (say --max-old-space-size) go along, as they apply in-process on the built path.
function runSource(root, args) {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const bin = join(root, 'packages', 'cli', 'src', 'bin.ts');
  const child = spawn(process.execPath, [...process.execArgv, '--conditions=@kuulo/source', '--import', tsx, bin, ...args], { stdio: 'inherit' });
  const relays = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => [signal, () => child.kill(signal)]);
  for (const [signal, relay] of relays) process.on(signal, relay);
  child.on('error', (error) => {
    process.stderr.write(`kuulo: could not start node for the source: ${error.message}\n`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    for (const [name, relay] of relays) process.off(name, relay);
    if (signal === null) {
      process.exitCode = code ?? 1;
      return;
    }
    // Die of the same signal; Node ignores some (SIGPIPE), so the shell's 128 + n stands behind it.
    process.exitCode = 128 + (constants.signals[signal] ?? 0);
    process.kill(process.pid, signal);
  });
}

async function run() {
  const root = launcherRoot();
  const args = process.argv.slice(2);
  if (process.env.KUULO_FROM_SOURCE === '1') return runSource(root, args);
  const decision = decide(root);
  if (!decision.current) {
    // stderr only: scripts pipe stdout.
    process.stderr.write(`kuulo: running from source because ${decision.reason}; \`pnpm build\` makes start-up faster.\n`);
    return runSource(root, args);
  }
  // The bundle's bin reads process.argv.slice(2), the same arguments this script got.
  await import(pathToFileURL(join(root, 'packages', 'cli', 'dist', 'bin.js')).href);
}

// Run only as a program: the tests import decide().
const invokedPath = () => {
  try {
    return realpathSync(process.argv[1] ?? '');
  } catch {
    return undefined;
  }
};
if (invokedPath() === fileURLToPath(import.meta.url)) await run();
