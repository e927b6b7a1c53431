import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

// The tests choose where the admin key comes from.
const { KUULO_ADMIN_KEY: _key, KUULO_ADMIN_KEY_FILE: _file, KUULO_TRUST_PROXY: _proxy, ...withoutKeys } = process.env;

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--conditions=@kuulo/source', '--import', 'tsx', fileURLToPath(new URL('../src/server.ts', import.meta.url)), ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
    env: { ...withoutKeys, ...env },
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
      // The card says "Loading…" until the first statement arrives.
      await page.waitForFunction(() => !['', 'Loading…'].includes(document.querySelector('.kuulo-statement')?.textContent ?? ''));
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
    expect(help.stdout).toContain('--db <path|url>');
    const bad = run(['--port', 'abc']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--port must be an integer, got "abc"');
    const unknown = run(['--colour']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--colour'");
  });

  test('the admin key comes from a file (trailing newline dropped) or KUULO_ADMIN_KEY, never from a flag', async () => {
    const key = 'kadm_from-a-file-0123456789abcdef';
    const file = join(dir, 'admin-key');
    writeFileSync(file, `${key}\n`, { mode: 0o600 });
    for (const [args, env] of [
      [['--admin-key-file', file], {}],
      [[], { KUULO_ADMIN_KEY_FILE: file }],
      [[], { KUULO_ADMIN_KEY: key }],
    ] as [string[], Record<string, string>][]) {
      const server = await startServer(['--workers', '1', '--db', join(dir, `key-${running.length}.db`), ...args], env);
      running.push(server);
      expect(server.output()).not.toContain('Admin key (shown once');
      const created = await fetch(`${server.url}/api/v1/conversations`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ topic: 'Keyed' }) });
      expect(created.status).toBe(201);
      server.child.kill('SIGKILL');
    }

    const flag = run(['--admin-key', key]);
    expect(flag.status).toBe(1);
    expect(flag.stderr).toContain('--admin-key is refused: a key on the command line is readable in the process list; set KUULO_ADMIN_KEY or use --admin-key-file <path>');
    expect(run([`--admin-key=${key}`]).status).toBe(1);
    const missing = run(['--admin-key-file', join(dir, 'nope')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`--admin-key-file ${join(dir, 'nope')}: cannot read it (ENOENT)`);
    writeFileSync(join(dir, 'short-key'), 'short\n');
    expect(run(['--admin-key-file', join(dir, 'short-key')]).stderr).toContain('the key has 5 characters, at least 16 are needed');
    expect(run(['--admin-key-file', file], { KUULO_ADMIN_KEY: key }).stderr).toContain('give the admin key once');
  });

  test('--trust-proxy takes a hop count or proxy addresses; a bare flag or true is refused with the reason', () => {
    for (const args of [['--trust-proxy'], ['--trust-proxy', '--log'], ['--trust-proxy', 'true'], ['--trust-proxy=']]) {
      const refused = run(args);
      expect(refused.status, args.join(' ')).toBe(1);
      expect(refused.stderr).toContain('--trust-proxy needs the number of proxies in front of Kuulo (1 for one nginx) or their addresses/CIDRs');
      expect(refused.stderr).toContain('a client could then choose its own address with X-Forwarded-For');
    }
    expect(run([], { KUULO_TRUST_PROXY: 'true' }).status).toBe(1);
    const bad = run(['--trust-proxy', '10.0.0.0/33', '--db', ':memory:']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('config trustProxy has "10.0.0.0/33", which is not an IP address');
  });
});
