import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtures } from './runCli.js';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const run = (args: string[]) =>
  spawnSync(process.execPath, ['--conditions=@kuulo/source', '--import', 'tsx', bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

describe('bin', () => {
  it('runs analyze as a process and exits 0 with JSON on stdout', () => {
    const result = run(['analyze', `${fixtures}polis-math-fixtures/50ptpt-3gp-strict-no-meta/votes.json`, '--format', 'polis']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty(['pca', 'comps']);
  });

  it('exits 1 with the error line and no stack trace on malformed input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kuulo-bin-'));
    const path = join(dir, 'votes.json');
    const text = readFileSync(`${fixtures}polis-math-fixtures/50ptpt-3gp-strict-no-meta/votes.json`, 'utf8');
    const at = text.indexOf('"statement_id": 4,');
    writeFileSync(path, `${text.slice(0, at)}"statement_id": "four",${text.slice(at + 18)}`);
    const result = run(['analyze', path]);
    const line = text.slice(0, at).split('\n').length;
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`kuulo: ${path} line ${line}, field "statement_id": expected an integer id, got "four"\n`);
  });

  it('exits at once when the worker it started for a big votes.csv is never used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kuulo-bin-'));
    const path = join(dir, 'votes.csv');
    writeFileSync(path, '');
    // 70 MB without writing them (a sparse file): enough for bin to start the part worker before loading the CLI.
    truncateSync(path, 70e6);
    const started = Date.now();
    const result = spawnSync(process.execPath, ['--conditions=@kuulo/source', '--import', 'tsx', bin, 'analyze', path, '--seed', 'x'], { encoding: 'utf8', timeout: 20_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--seed');
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
