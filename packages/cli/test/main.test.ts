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

  it('exits 1 on an unknown command', async () => {
    const { code, stderr } = await runCli(['analyse', 'x']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/unknown command 'analyse'/);
  });
});
