import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures } from './runCli.js';

// scripts/kuulo.mjs, behind `pnpm kuulo`: the built CLI when current, else the source through tsx.
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const launcher = join(repo, 'scripts', 'kuulo.mjs');
const note = /^kuulo: running from source because (.+); `pnpm build` makes start-up faster\.\n/;

interface Decision {
  current: boolean;
  reason: string;
}
// A variable specifier: the launcher is plain JavaScript without type declarations.
const launcherUrl = pathToFileURL(launcher).href;
const { decide } = (await import(launcherUrl)) as { decide: (root: string) => Decision };

// The launcher's switches are cleared so the caller's environment cannot pick the path.
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.KUULO_FROM_SOURCE;
  delete base.KUULO_LAUNCHER_ROOT;
  return { ...base, ...extra };
}

function launch(args: string[], extra: Record<string, string> = {}, input?: string) {
  return spawnSync(process.execPath, [launcher, ...args], { encoding: 'utf8', env: env(extra), input, maxBuffer: 1 << 28 });
}

describe('launcher decision on a fake workspace', () => {
  let root: string;
  const built = Date.now() / 1000 - 100;
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  // Every source at `built - 10`, every dist file at `built`: a current build.
  const sources = [
    'tsconfig.base.json',
    'packages/cli/package.json',
    'packages/cli/tsconfig.json',
    'packages/cli/tsup.config.ts',
    'packages/cli/locales/en.json',
    'packages/cli/src/bin.ts',
    'packages/cli/src/sub/part.ts',
    'packages/cli/src/sub',
    'packages/cli/src',
    'packages/cli/locales',
    'packages/core/package.json',
    'packages/core/src/index.ts',
    'packages/core/src',
    'packages/cli/test/other.test.ts',
  ];
  const dists = ['packages/cli/dist/bin.js', 'packages/cli/dist/chunk.js', 'packages/core/dist/index.js', 'packages/core/dist/sub/worker.js'];

  // Both fake bins print where they came from, echo stdin on `echo` and exit with the code after `exit`.
  const body = (from: string) => `const args = process.argv.slice(2);
process.stdout.write(${from} + ' ' + args.join(' ') + '\\n');
if (args.includes('echo')) process.stdin.on('data', (chunk) => process.stdout.write(chunk));
if (args.includes('exit')) process.exitCode = Number(args[args.indexOf('exit') + 1]);
if (args.includes('wait')) { process.stdout.write('ready ' + process.pid + '\\n'); setInterval(() => {}, 1000); }
`;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kuulo-launcher-'));
    write('tsconfig.base.json', '{}');
    write('packages/cli/package.json', JSON.stringify({ name: '@kuulo/cli', dependencies: { '@kuulo/core': 'workspace:*', commander: '14.0.3' } }));
    write('packages/cli/tsconfig.json', '{}');
    write('packages/cli/tsup.config.ts', 'export default {};');
    write('packages/cli/locales/en.json', '{}');
    // TypeScript syntax and the source condition: only tsx with --conditions=@kuulo/source prints "source+condition".
    write('packages/cli/src/bin.ts', body(`('source' as string) + (process.execArgv.includes('--conditions=@kuulo/source') ? '+condition' : '')`));
    write('packages/cli/src/sub/part.ts', 'export {};');
    write('packages/cli/test/other.test.ts', '');
    write('packages/core/package.json', JSON.stringify({ name: '@kuulo/core' }));
    write('packages/core/src/index.ts', 'export {};');
    write('packages/cli/dist/bin.js', body(`'built'`));
    write('packages/cli/dist/chunk.js', '');
    write('packages/core/dist/index.js', '');
    write('packages/core/dist/sub/worker.js', '');
    for (const path of sources) at(path, built - 10);
    for (const path of dists) at(path, built);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const run = (args: string[], extra: Record<string, string> = {}, input?: string) => launch(args, { KUULO_LAUNCHER_ROOT: root, ...extra }, input);

  it('runs the build in-process, silently, when every dist file is newer than every source', () => {
    expect(decide(root)).toEqual({ current: true, reason: 'every build is newer than its source' });
    const result = run(['--version']);
    expect(result).toMatchObject({ status: 0, stdout: 'built --version\n', stderr: '' });
  });

  it.each(['packages/cli/src/sub/part.ts', 'packages/cli/src/bin.ts', 'packages/cli/locales/en.json', 'packages/cli/package.json', 'packages/cli/tsup.config.ts', 'packages/cli/tsconfig.json', 'packages/core/src/index.ts', 'tsconfig.base.json'])(
    'runs the source through tsx, with one stderr note and nothing extra on stdout, when %s is newer than the build',
    (path) => {
      at(path, built + 10);
      expect(decide(root)).toEqual({ current: false, reason: `the build is older than the source (${path})` });
      const result = run(['--version']);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe('source+condition --version\n');
      expect(result.stderr).toBe(`kuulo: running from source because the build is older than the source (${path}); \`pnpm build\` makes start-up faster.\n`);
    },
  );

  it('counts a source equal in time to the build as newer (no benefit of the doubt)', () => {
    at('packages/cli/src/bin.ts', built);
    expect(decide(root).current).toBe(false);
  });

  it('sees a deleted source file through its directory', () => {
    rmSync(join(root, 'packages/cli/src/sub/part.ts'));
    expect(decide(root)).toEqual({ current: false, reason: 'the build is older than the source (packages/cli/src/sub)' });
  });

  it('compares each package with its own dist only: a cli source newer than core/dist leaves the build current', () => {
    for (const path of ['tsconfig.base.json', 'packages/core/package.json', 'packages/core/src']) at(path, built - 60);
    at('packages/core/src/index.ts', built - 55);
    for (const path of ['packages/core/dist/index.js', 'packages/core/dist/sub/worker.js']) at(path, built - 50);
    expect(decide(root).current).toBe(true);
    // The oldest dist file counts: one left from an earlier build makes core stale.
    at('packages/core/dist/sub/worker.js', built - 56);
    expect(decide(root)).toEqual({ current: false, reason: 'the build is older than the source (packages/core/src/index.ts)' });
  });

  it('ignores files the build does not read (tests)', () => {
    at('packages/cli/test/other.test.ts', built + 10);
    expect(decide(root).current).toBe(true);
  });

  it('runs the source when a loaded package has no build', () => {
    rmSync(join(root, 'packages/core/dist'), { recursive: true });
    expect(decide(root)).toEqual({ current: false, reason: 'there is no build in packages/core/dist' });
    const result = run(['--help']);
    expect(result.stdout).toBe('source+condition --help\n');
    expect(result.stderr).toMatch(note);
  });

  it('runs the source when cli/dist lacks bin.js', () => {
    rmSync(join(root, 'packages/cli/dist/bin.js'));
    expect(decide(root)).toEqual({ current: false, reason: 'there is no packages/cli/dist/bin.js' });
  });

  it('runs the source, without the note, under KUULO_FROM_SOURCE=1 even when the build is current', () => {
    const result = run(['--version'], { KUULO_FROM_SOURCE: '1' });
    expect(result).toMatchObject({ status: 0, stdout: 'source+condition --version\n', stderr: '' });
  });

  it.each([
    ['built', {}],
    ['source+condition', { KUULO_FROM_SOURCE: '1' }],
  ])('passes stdin and the exit code through on the %s path', (from, extra) => {
    const result = run(['echo', 'exit', '3'], extra, 'piped\n');
    expect(result).toMatchObject({ status: 3, stdout: `${from} echo exit 3\npiped\n`, stderr: '' });
  });

  it('relays SIGTERM to the source process and dies of it too', async () => {
    const child = spawn(process.execPath, [launcher, 'wait'], { env: env({ KUULO_LAUNCHER_ROOT: root, KUULO_FROM_SOURCE: '1' }) });
    let stdout = '';
    const pid = await new Promise<number>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const ready = /ready (\d+)/.exec(stdout);
        if (ready) resolve(Number(ready[1]));
      }),
    );
    child.kill('SIGTERM');
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});

describe('launcher on this repository', () => {
  // Today's command, for reference output: tsx's own CLI on the source.
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
  const fromSource = (args: string[]) =>
    spawnSync(process.execPath, [tsxCli, '--conditions=@kuulo/source', join(repo, 'packages/cli/src/bin.ts'), ...args], { encoding: 'utf8', env: env(), maxBuffer: 1 << 28 });

  // Whichever path applies (the build may be absent, as in CI, or older than someone's edit), the output is today's.
  // The decision is read before and after the run: only when both agree is the note's presence checked.
  function expectSameAsSource(args: string[]) {
    const before = decide(repo);
    const result = launch(args);
    const after = decide(repo);
    const reference = fromSource(args);
    expect(result.status).toBe(reference.status);
    expect(result.stdout).toBe(reference.stdout);
    const noted = note.exec(result.stderr);
    expect(noted === null ? result.stderr : result.stderr.slice(noted[0].length)).toBe(reference.stderr);
    if (before.current === after.current) expect(noted === null).toBe(before.current);
    if (noted !== null && !before.current) expect(noted[1]).toBe(before.reason);
    return result;
  }

  it('prints the version, as from source', () => {
    const result = expectSameAsSource(['--version']);
    expect(result.stdout).toBe(`${(JSON.parse(readFileSync(join(repo, 'packages/cli/package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('writes the same HTML report for a fixture (core, viz and the locales loaded), as from source', () => {
    const result = expectSameAsSource(['analyze', `${fixtures}polis-math-fixtures/below-100-ptpts/votes.json`, '--quiet', '--format', 'html', '--lang', 'fi']);
    expect(result.stdout).toMatch(/^<!doctype html>/i);
  });

  it('fails on a missing file with the same exit code and message, as from source', () => {
    const result = expectSameAsSource(['analyze', join(tmpdir(), 'kuulo-launcher-missing', 'votes.json'), '--quiet']);
    expect(result.status).not.toBe(0);
  });
});
