import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultOptions } from '@kuulo/core';
import { defaultConfig } from '../../../server/src/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package READMEs' examples run as a reader would paste them (outside the repository, importing
// the packages by name), print exactly the output the README shows, and type-check; the option
// tables list every option with the default the code has.

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const require = createRequire(import.meta.url);
const tsxCli = join(dirname(require.resolve('tsx/package.json')), 'dist/cli.mjs');
const tscCli = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');
const readme = (pkg: string) => readFileSync(join(repoRoot, 'packages', pkg, 'README.md'), 'utf8');

interface Runnable {
  code: string;
  output: string;
}

/** Blocks marked `<!-- runnable … -->`: a ```ts block followed by the ```text block of its output. */
function runnableBlocks(markdown: string): Runnable[] {
  const pattern = /<!-- runnable[^>]*-->\s*```ts\n([\s\S]*?)```\s*\n[^`]*```text\n([\s\S]*?)```/g;
  return [...markdown.matchAll(pattern)].map((m) => ({ code: m[1]!, output: m[2]!.trimEnd() }));
}

/** Rows `| \`name\` | default | …` of the table under `heading`. */
function tableRows(markdown: string, heading: string): Map<string, string> {
  const start = markdown.indexOf(heading);
  expect(start, `README heading ${heading}`).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, string>();
  for (const line of markdown.slice(start + heading.length).split('\n').slice(1)) {
    if (line.startsWith('#')) break;
    const m = /^\| `([\w.]+)` \| ([^|]+) \|/.exec(line);
    if (m) rows.set(m[1]!, m[2]!.trim());
  }
  return rows;
}

const shown = (value: unknown) => (typeof value === 'string' ? `\`'${value}'\`` : String(value));

/** A folder outside the repository whose node_modules links the workspace packages, like an app that installed them. */
function makeSandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kuulo-readme-'));
  const link = (name: string, target: string) => {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(realpathSync(target), join(dir, 'node_modules', name), 'dir');
  };
  for (const pkg of ['core', 'viz', 'server']) link(`@kuulo/${pkg}`, join(repoRoot, 'packages', pkg));
  link('jsdom', join(repoRoot, 'packages/viz/node_modules/jsdom'));
  link('@types/jsdom', join(repoRoot, 'packages/viz/node_modules/@types/jsdom'));
  link('@types/node', join(repoRoot, 'node_modules/@types/node'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const compilerOptions = {
    target: 'ES2022', lib: ['ES2022', 'DOM'], module: 'ESNext', moduleResolution: 'Bundler', customConditions: ['@kuulo/source'],
    strict: true, skipLibCheck: true, noEmit: true, types: ['node'], allowImportingTsExtensions: true,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
  return dir;
}

let sandbox: string;
beforeAll(() => {
  sandbox = makeSandbox();
});
afterAll(() => {
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

describe.each(['core', 'viz', 'server'])('packages/%s/README.md', (pkg) => {
  const blocks = runnableBlocks(readme(pkg));

  it('has a runnable example with its output', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(1);
  });

  it.each(blocks.map((block, i) => ({ ...block, i })))('example %# prints what the README shows', ({ code, output, i }) => {
    const file = join(sandbox, `${pkg}-${i}.ts`);
    writeFileSync(file, code);
    const run = spawnSync(process.execPath, [tsxCli, '--conditions=@kuulo/source', file], { cwd: sandbox, encoding: 'utf8', timeout: 90_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd()).toBe(output);
  });
});

describe('README examples type-check', () => {
  it('compiles every runnable example with tsc --strict', () => {
    for (const pkg of ['core', 'viz', 'server']) runnableBlocks(readme(pkg)).forEach(({ code }, i) => writeFileSync(join(sandbox, `${pkg}-${i}.ts`), code));
    expect(readdirSync(sandbox).filter((f) => f.endsWith('.ts')).length).toBeGreaterThanOrEqual(3);
    const run = spawnSync(process.execPath, [tscCli, '-p', sandbox, '--pretty', 'false'], { cwd: sandbox, encoding: 'utf8', timeout: 120_000 });
    expect(run.error).toBeUndefined();
    // Only the examples' own diagnostics: the packages' sources are the repository typecheck's job.
    const ownErrors = run.stdout.split('\n').filter((line) => /^(core|viz|server)-\d+\.ts\(/.test(line));
    expect(ownErrors).toEqual([]);
  });
});

describe('READMEs name every runtime export', () => {
  it.each([
    ['core', () => import('@kuulo/core')],
    ['viz', () => import('@kuulo/viz')],
    ['server', () => import('../../../server/src/index.js')],
  ] as const)('%s', async (pkg, load) => {
    const names = Object.keys(await load());
    expect(names.length).toBeGreaterThan(5);
    const text = readme(pkg);
    expect(names.filter((name) => !new RegExp(`\`(new )?${name}[\`(.]`).test(text))).toEqual([]);
  });
});

describe('README option tables match the defaults in code', () => {
  it('core: every option of defaultOptions, with its default', () => {
    const rows = tableRows(readme('core'), '## Options');
    for (const [name, value] of Object.entries(defaultOptions)) {
      expect(rows.get(name), `core README option ${name}`).toBe(shown(value));
    }
    expect([...rows.keys()].filter((name) => !(name in defaultOptions))).toEqual(['random']);
  });

  it('server: every setting of defaultConfig, with its default', () => {
    const rows = tableRows(readme('server'), '### `buildApp` settings');
    const flat = Object.entries(defaultConfig).flatMap(([key, value]) =>
      value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).map(([k, v]) => [`${key}.${k}`, v] as const) : [[key, value] as const],
    );
    for (const [name, value] of flat) {
      expect(rows.has(name), `server README setting ${name}`).toBe(true);
      // The admin key has no fixed default: one is generated and printed on the first start.
      if (value !== undefined) expect(rows.get(name), `server README setting ${name}`).toBe(shown(value));
    }
    expect(rows.size).toBe(flat.length);
  });

  it('viz: every option of every exported options interface is listed', () => {
    const text = readme('viz');
    const src = join(repoRoot, 'packages/viz/src');
    const index = readFileSync(join(src, 'index.ts'), 'utf8');
    const exported = [...index.matchAll(/\b(\w+Options)\b/g)].map((m) => m[1]!);
    const missing: string[] = [];
    let checked = 0;
    for (const file of readdirSync(src).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(src, file), 'utf8');
      for (const m of source.matchAll(/export interface (\w+Options)\b[^{]*\{([\s\S]*?)\n\}/g)) {
        if (!exported.includes(m[1]!)) continue;
        for (const option of m[2]!.matchAll(/^ {2}(?:readonly )?(\w+)\?:/gm)) {
          checked++;
          if (!text.includes(`\`${option[1]}\``)) missing.push(`${m[1]}.${option[1]}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });
});
