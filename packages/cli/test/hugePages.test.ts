import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wantsHugePages } from '../src/hugePages.js';
import { fixtures } from './runCli.js';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const votes = `${fixtures}open-data/vtaiwan.uberx/votes.csv`;

describe('huge pages relaunch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kuulo-huge-'));
  const big = join(dir, 'big.csv');
  writeFileSync(big, Buffer.alloc(2048));
  const linux = { platform: 'linux', thpMode: 'madvise', minBytes: 1024 };

  it('relaunches only when asked: KUULO_HUGE_PAGES=auto on Linux in madvise mode, for a file argument of at least minBytes, once; 1 always', () => {
    const auto = { KUULO_HUGE_PAGES: 'auto' };
    // Off unless asked (measured slower with the helper thread's shared arrays).
    expect(wantsHugePages(['analyze', big], {}, linux)).toBe(false);
    expect(wantsHugePages(['analyze', big], { KUULO_HUGE_PAGES: '0' }, linux)).toBe(false);
    expect(wantsHugePages(['analyze', big], auto, linux)).toBe(true);
    expect(wantsHugePages(['analyze', big, '--format', 'polis'], auto, { ...linux, minBytes: 4096 })).toBe(false);
    expect(wantsHugePages(['analyze', join(dir, 'missing.csv')], auto, linux)).toBe(false);
    expect(wantsHugePages(['--help'], auto, linux)).toBe(false);
    expect(wantsHugePages(['analyze', big], auto, { ...linux, platform: 'darwin' })).toBe(false);
    // "always" already gives huge pages; "never" or no THP support cannot.
    expect(wantsHugePages(['analyze', big], auto, { ...linux, thpMode: 'always' })).toBe(false);
    expect(wantsHugePages(['analyze', big], auto, { ...linux, thpMode: null })).toBe(false);
    expect(wantsHugePages(['analyze', big], { ...auto, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' }, linux)).toBe(false);
    expect(wantsHugePages(['--version'], { KUULO_HUGE_PAGES: '1' }, { ...linux, thpMode: 'never' })).toBe(true);
  });

  it('a relaunched run prints what a direct run prints, with the same exit code', () => {
    const run = (mode: string, args: string[]) =>
      spawnSync(process.execPath, ['--conditions=@kuulo/source', '--import', 'tsx', bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, KUULO_HUGE_PAGES: mode } });
    const direct = run('0', ['analyze', votes, '--format', 'polis', '--quiet']);
    const relaunched = run('1', ['analyze', votes, '--format', 'polis', '--quiet']);
    expect(direct.status).toBe(0);
    expect(relaunched.status).toBe(0);
    expect(relaunched.stdout).toBe(direct.stdout);
    expect(JSON.parse(relaunched.stdout)).toHaveProperty(['pca', 'comps']);
    const failed = run('1', ['analyze', join(dir, 'missing.csv')]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/no such file/);
  });
});
