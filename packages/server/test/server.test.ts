import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { exited, startServer, type ServerProcess } from './serverProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'kuulo-cli-'));
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const s of running) s.child.kill('SIGKILL');
  await Promise.all(running.map((s) => exited(s.child)));
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) =>
  spawnSync(process.execPath, ['--conditions=@kuulo/source', '--import', 'tsx', fileURLToPath(new URL('../src/server.ts', import.meta.url)), ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });

describe('kuulo server command', () => {
  test('--demo starts on embedded SQLite with the demo conversation, prints its URL and keys, and the page runs a debate in a browser', async () => {
    const server = await startServer(['--demo', '--workers', '1', '--db', join(dir, 'data', 'kuulo.db'), '--debounce-ms', '50']);
    running.push(server);
    // The demo lines follow the listening line.
    for (let i = 0; i < 100 && !/Demo moderator key/.test(server.output()); i++) await new Promise((r) => setTimeout(r, 20));
    const out = server.output();
    expect(out).toMatch(/Admin key \(shown once, stored hashed\): kadm_[A-Za-z0-9_-]{32}/);
    expect(out).toMatch(/Demo moderator key \(shown once, stored hashed\): kmod_[A-Za-z0-9_-]{32}/);
    const demoUrl = /Demo conversation: (\S+)/.exec(out)![1]!;
    expect(demoUrl).toBe(`${server.url}/c/15-per-hour-seattle`);

    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(demoUrl);
      // The bundled participant page of the demo: topic, a statement to vote on, and the map once the math is in.
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === '$15/hour');
      const first = await page.locator('.kuulo-statement').textContent();
      expect(first!.length).toBeGreaterThan(10);
      await page.getByRole('button', { name: 'Agree', exact: true }).click();
      await page.waitForFunction((before) => document.querySelector('.kuulo-statement')?.textContent !== before, first);
      await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor({ timeout: 20_000 });
      expect(await page.locator('.kuulo-map .kuulo-hulls .kuulo-group').count()).toBeGreaterThanOrEqual(2);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  test('--help prints the flags; a bad flag exits 1 naming it', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--db <path>');
    const bad = run(['--port', 'abc']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--port must be an integer, got "abc"');
    const unknown = run(['--colour']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--colour'");
  });
});
