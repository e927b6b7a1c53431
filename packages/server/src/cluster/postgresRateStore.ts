import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Db } from '../db/db.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** `keySpace` (ours, passed through the limiter's options) keeps two limiters' counts apart. */
const keySpaceOf = (options: object): string => (options as { keySpace?: unknown }).keySpace?.toString() ?? 'global';

const settingsKey = 'rate_limit_secret';

/**
 * Creates the shared counters' table (unlogged: they matter for a minute, not after a crash) and the
 * secret their keys are hashed with, once per database; every instance finds the same secret.
 */
export async function prepareRateStore(db: Db): Promise<Buffer> {
  try {
    await db.exec('CREATE UNLOGGED TABLE IF NOT EXISTS kuulo_rate_limits (key TEXT PRIMARY KEY, hits BIGINT NOT NULL, window_start BIGINT NOT NULL)');
  } catch (error) {
    // Two instances creating it at the same moment: the loser's catalog insert collides (unique violation, or its row type exists), and the table is there.
    if (!['23505', '42710', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
  }
  await db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', settingsKey, randomBytes(32).toString('hex'));
  return Buffer.from((await db.value('SELECT value FROM settings WHERE key = ?', settingsKey)) as string, 'hex');
}

/** Forgets counters whose window ended long ago (called now and then by each instance). */
export async function pruneRateStore(db: Db, now = Date.now()): Promise<void> {
  await db.run('DELETE FROM kuulo_rate_limits WHERE window_start < ?', now - 10 * 60_000);
}

/**
 * A @fastify/rate-limit store in PostgreSQL, so a budget holds across every instance behind the load
 * balancer. A client address is never stored: only an HMAC of it, under a secret kept in the database.
 */
export function postgresRateStore(db: Db, secret: Buffer) {
  return class PostgresRateStore implements FastifyRateLimitStore {
    readonly #space: string;

    constructor(options: FastifyRateLimitOptions | object = {}) {
      this.#space = keySpaceOf(options);
    }

    #key(key: string): string {
      return createHmac('sha256', secret).update(`${this.#space}\n${key}`).digest('base64url').slice(0, 32);
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      db.get(
        `INSERT INTO kuulo_rate_limits AS r (key, hits, window_start) VALUES (?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.window_start + ? <= ? THEN 1 ELSE r.hits + 1 END,
           window_start = CASE WHEN r.window_start + ? <= ? THEN ? ELSE r.window_start END
         RETURNING hits, window_start AS "windowStart"`,
        this.#key(key),
        now,
        timeWindow,
        now,
        timeWindow,
        now,
        now,
      ).then(
        (row) => {
          const { hits, windowStart } = row as { hits: number; windowStart: number };
          callback(null, { current: hits, ttl: Math.max(0, windowStart + timeWindow - now) });
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      db.get('SELECT hits, window_start AS "windowStart" FROM kuulo_rate_limits WHERE key = ?', this.#key(key)).then(
        (row) => {
          const r = row as { hits: number; windowStart: number } | undefined;
          if (!r || r.windowStart + timeWindow <= now) callback(null, { current: 0, ttl: 0 });
          else callback(null, { current: r.hits, ttl: r.windowStart + timeWindow - now });
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(options: object): PostgresRateStore {
      return new PostgresRateStore(options);
    }
  };
}
