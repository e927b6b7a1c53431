import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { loadMigrations, runMigrations } from '../../src/migrations/runMigrations.js';
import { openDatabase } from '../../src/plugins/db.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kuulo-mig-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('runMigrations', () => {
  test('a new database gets every bundled migration and a schema_version row each', () => {
    const db = openDatabase({ path: join(tempDir(), 'a.db'), synchronous: 'NORMAL' });
    const versions = db.prepare('SELECT version, name FROM schema_version ORDER BY version').all();
    expect(versions).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  test('an upgrade applies only the new migration and keeps the data', () => {
    const path = join(tempDir(), 'b.db');
    const v1 = loadMigrations();
    const db = openDatabase({ path, synchronous: 'FULL', migrations: v1 });
    db.prepare("INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES ('c', 'Topic', 'h', 1, 0, 0)").run();
    db.close();
    const v2 = [...v1, { version: v1.length + 1, name: 'add-color', sql: "ALTER TABLE conversations ADD COLUMN color TEXT NOT NULL DEFAULT 'blue';" }];
    const upgraded = new Database(path);
    expect(runMigrations(upgraded, v2)).toEqual({ from: v1.length, to: v1.length + 1 });
    expect(upgraded.prepare('SELECT slug, topic, color FROM conversations').all()).toEqual([{ slug: 'c', topic: 'Topic', color: 'blue' }]);
    expect(runMigrations(upgraded, v2)).toEqual({ from: v1.length + 1, to: v1.length + 1 });
    upgraded.close();
  });

  test('002 gives existing conversations the polis mode and auto bridging, and refuses other values', () => {
    const db = new Database(':memory:');
    const all = loadMigrations();
    expect(all.map((m) => m.name).slice(0, 2)).toEqual(['init', 'math-mode']);
    runMigrations(db, all.slice(0, 1));
    db.prepare("INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES ('old', 'Topic', 'h', 1, 0, 0)").run();
    expect(runMigrations(db, all)).toEqual({ from: 1, to: all.length });
    expect(db.prepare('SELECT math_mode, bridging FROM conversations').get()).toEqual({ math_mode: 'polis', bridging: 'auto' });
    expect(() => db.prepare("UPDATE conversations SET math_mode = 'fast'").run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("UPDATE conversations SET bridging = 'yes'").run()).toThrow(/CHECK constraint failed/);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'uncertainty_results'").get()).toEqual({ n: 1 });
  });

  test('a failing migration rolls back and leaves the version unchanged', () => {
    const db = new Database(':memory:');
    const v1 = loadMigrations();
    runMigrations(db, v1);
    const broken = [...v1, { version: v1.length + 1, name: 'broken', sql: 'CREATE TABLE t (x INTEGER); INSERT INTO nowhere VALUES (1);' }];
    expect(() => runMigrations(db, broken)).toThrow(/nowhere/);
    expect(db.prepare('SELECT max(version) AS v FROM schema_version').get()).toEqual({ v: v1.length });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get()).toEqual({ n: 0 });
  });

  test('refuses a database written by a newer server', () => {
    const db = new Database(':memory:');
    runMigrations(db);
    db.prepare('INSERT INTO schema_version VALUES (99, ?, 0)').run('future');
    expect(() => runMigrations(db)).toThrow('database schema version 99 is newer than this server knows');
  });

  test('loadMigrations checks file names and version gaps', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '001-init.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '003-skip.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow('expected 2, got 3 (skip)');
    writeFileSync(join(dir, 'bad name.sql'), '');
    expect(() => loadMigrations(dir)).toThrow('migration file name must look like 001-name.sql, got bad name.sql');
  });
});
