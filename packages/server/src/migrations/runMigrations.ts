import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const fileName = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** The folder holding NNN-name.sql files: beside this file in source, or under src/ next to a build in dist/. */
export function defaultMigrationsDir(): string {
  const candidates = [new URL('./', import.meta.url), new URL('../src/migrations/', import.meta.url), new URL('./migrations/', import.meta.url)];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(dir) && readdirSync(dir).some((f) => fileName.test(f))) return dir;
  }
  throw new Error(`migrations folder not found next to ${fileURLToPath(import.meta.url)}`);
}

/** Reads NNN-name.sql files in version order; versions must run 1, 2, 3… without gaps. */
export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => {
      const m = fileName.exec(f);
      if (!m) throw new Error(`migration file name must look like 001-name.sql, got ${f} in ${dir}`);
      return { version: Number(m[1]), name: m[2]!, sql: readFileSync(`${dir}/${f}`, 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration versions must be 1, 2, 3…: expected ${i + 1}, got ${m.version} (${m.name}) in ${dir}`);
  });
  return migrations;
}

/** Applies every migration newer than the database's schema_version, each in its own transaction. */
export function runMigrations(db: Database.Database, migrations: Migration[] = loadMigrations()): { from: number; to: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const from = (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_version').get() as { v: number }).v;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new Error(`database schema version ${from} is newer than this server knows (${latest}); upgrade Kuulo`);
  }
  const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    })();
  }
  return { from, to: Math.max(from, latest) };
}
