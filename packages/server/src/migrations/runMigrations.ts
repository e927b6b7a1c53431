import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db, Dialect } from '../db/db.js';
import type { PostgresDb } from '../db/postgres.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const fileName = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** The folder holding a dialect's NNN-name.sql files (PostgreSQL's in postgres/): beside this file in source, or under src/ next to a build in dist/. */
export function defaultMigrationsDir(dialect: Dialect = 'sqlite'): string {
  const sub = dialect === 'postgres' ? 'postgres/' : '';
  const candidates = [new URL(`./${sub}`, import.meta.url), new URL(`../src/migrations/${sub}`, import.meta.url), new URL(`./migrations/${sub}`, import.meta.url)];
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
export async function runMigrations(db: Db, migrations: Migration[] = loadMigrations(defaultMigrationsDir(db.dialect))): Promise<{ from: number; to: number }> {
  if (db.dialect === 'sqlite') {
    await db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
    return applyPending(db, migrations);
  }
  // Instances starting together: one migrates, the others wait on the lock (held by a connection outside the pool, which may have one), then find nothing to do.
  return (db as PostgresDb).withSession(async (lock) => {
    await lock.query('SELECT pg_advisory_lock($1)', [migrationLock]);
    try {
      await db.exec('CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      return await applyPending(db, migrations);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [migrationLock]).catch(() => undefined);
    }
  });
}

/** Advisory lock key of schema changes ("kuulo-mi" read as a number). */
const migrationLock = 0x6b75756c6f6d69;

async function applyPending(db: Db, migrations: Migration[]): Promise<{ from: number; to: number }> {
  const from = ((await db.get('SELECT coalesce(max(version), 0) AS v FROM schema_version')) as { v: number }).v;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new Error(`database schema version ${from} is newer than this server knows (${latest}); upgrade Kuulo`);
  }
  for (const m of migrations) {
    if (m.version <= from) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.run('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)', m.version, m.name, Date.now());
    });
  }
  return { from, to: Math.max(from, latest) };
}
