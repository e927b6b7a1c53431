import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { version } from '../src/version.js';
import { runCli } from './runCli.js';

describe('main(argv)', () => {
  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version).toBe(pkg.version);
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('prints help for analyze with every option', async () => {
    const { code, stdout } = await runCli(['analyze', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--comments', '--replay', '--batch-size', '--final-restart', '--no-final-restart', '--seed', '--format', '--out', '--sign']) {
      expect(stdout).toContain(flag);
    }
  });

  it('prints help for replay and compare with every option', async () => {
    const replay = await runCli(['replay', '--help']);
    for (const flag of ['--every', '--members', '--final-restart', '--comments', '--seed', '--out', '--quiet']) expect(replay.stdout).toContain(flag);
    const compare = await runCli(['compare', '--help']);
    for (const flag of ['<a>', '<b>', '--json']) expect(compare.stdout).toContain(flag);
    const analyze = await runCli(['analyze', '--help']);
    expect(analyze.stdout).toMatch(/choices:\s+"kuulo",\s+"polis",\s+"html",\s+"csv"/);
    expect(analyze.stdout).toContain('--out-dir');
  });

  it('exits 1 on an unknown command', async () => {
    const { code, stderr } = await runCli(['analyse', 'x']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/unknown command 'analyse'/);
  });
});
