import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { backfillParticipantViews } from '../math/backfillParticipantViews.js';
import { backfillPublicMath } from '../math/backfillPublicMath.js';
import { runMigrations, type Migration } from '../migrations/runMigrations.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database.Database;
  }
}

export interface DatabaseOptions {
  /** File path or ':memory:'. */
  path: string;
  /** NORMAL: a commit survives a killed process (WAL); FULL: also a power cut. */
  synchronous: 'NORMAL' | 'FULL';
  /** Migrations to apply instead of the bundled ones (tests of upgrades). */
  migrations?: Migration[];
}

/** Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase(options: DatabaseOptions): Database.Database {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  try {
    if (options.path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db, options.migrations);
    backfillParticipantViews(db);
    backfillPublicMath(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Decorates the instance with `db` and closes it when the app closes. */
export function registerDatabase(app: FastifyInstance, db: Database.Database): void {
  app.decorate('db', db);
  app.addHook('onClose', () => {
    if (db.open) {
      // Fold the WAL back into the main file so a stopped server leaves one file behind.
      if (db.name !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
  });
}
