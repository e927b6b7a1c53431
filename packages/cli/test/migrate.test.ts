import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.js';

// The copy itself runs against a real PostgreSQL in packages/server/test/db/migrateToPostgres.test.ts (the bin as a process too).
describe('kuulo migrate', () => {
  it('prints help with every option', async () => {
    const { code, stdout } = await runCli(['migrate', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--from <file>', '--to <url>', '--batch-rows <n>', '--quiet', 'PGPASSWORD']) expect(stdout).toContain(flag);
  });

  it('needs both --from and --to', async () => {
    const { code, stderr } = await runCli(['migrate', '--from', 'kuulo.db']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/required option '--to <url>' not specified/);
  });

  it('refuses a SQLite file that does not exist, in one line, without creating it', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'kuulo-migrate-')), 'gone', 'kuulo.db');
    const { code, stdout, stderr } = await runCli(['migrate', '--from', missing, '--to', 'postgres://kuulo:secret@127.0.0.1:1/kuulo']);
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: `kuulo: SQLite database ${missing} does not exist\n` });
    expect(existsSync(join(missing, '..'))).toBe(false);
  });

  it('refuses a target that is not a PostgreSQL URL and a bad --batch-rows', async () => {
    const wrong = await runCli(['migrate', '--from', 'kuulo.db', '--to', 'other.db']);
    expect(wrong).toEqual({ code: 1, stdout: '', stderr: "kuulo: the target must be a postgres:// or postgresql:// URL, got 'other.db'\n" });
    const batch = await runCli(['migrate', '--from', 'kuulo.db', '--to', 'postgres://localhost/kuulo', '--batch-rows', '0']);
    expect(batch.code).toBe(1);
    expect(batch.stderr).toContain('expected a positive integer, got "0"');
  });
});
