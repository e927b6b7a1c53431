import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { isPostgresUrl, type Db } from '../db/db.js';
import { PostgresDb } from '../db/postgres.js';
import { SqliteDb } from '../db/sqlite.js';
import { backfillParticipantViews } from '../math/backfillParticipantViews.js';
import { backfillPublicMath } from '../math/backfillPublicMath.js';
import { runMigrations, type Migration } from '../migrations/runMigrations.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export interface DatabaseOptions {
  /** SQLite file path, ':memory:', or a `postgres://` URL. */
  path: string;
  /** SQLite only. NORMAL: a commit survives a killed process (WAL); FULL: also a power cut. */
  synchronous: 'NORMAL' | 'FULL';
  /** Migrations to apply instead of the bundled ones (tests of upgrades). */
  migrations?: Migration[];
  /** PostgreSQL only: connections in this instance's pool. */
  poolSize?: number;
}

/** Opens the SQLite file (WAL mode, created if needed) or connects to PostgreSQL, and brings the schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  const db = isPostgresUrl(options.path) ? new PostgresDb(options.path, { max: options.poolSize }) : openSqlite(options);
  try {
    await runMigrations(db, options.migrations);
    await backfillParticipantViews(db);
    await backfillPublicMath(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

function openSqlite(options: DatabaseOptions): SqliteDb {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const connection = new Database(options.path);
  try {
    if (options.path !== ':memory:') connection.pragma('journal_mode = WAL');
    connection.pragma(`synchronous = ${options.synchronous}`);
    connection.pragma('foreign_keys = ON');
    connection.pragma('busy_timeout = 5000');
  } catch (error) {
    connection.close();
    throw error;
  }
  return new SqliteDb(connection);
}

/** Decorates the instance with `db` and closes it when the app closes. */
export function registerDatabase(app: FastifyInstance, db: Db): void {
  app.decorate('db', db);
  app.addHook('onClose', async () => {
    await db.close();
  });
}
