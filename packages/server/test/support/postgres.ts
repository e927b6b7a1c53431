import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test run's PostgreSQL server (postgresGlobalSetup.ts): its admin URL, or why it did not start. */
    postgres: { url: string | null; error: string | null };
  }
}

/** The admin URL of the run's PostgreSQL server; throws with the start error if there is none. */
export function postgresServerUrl(): string {
  const { url, error } = inject('postgres');
  if (!url) throw new Error(`no PostgreSQL for the tests: ${error ?? 'postgresGlobalSetup.ts did not run'}`);
  return url;
}

async function asAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database on the run's server with a name no parallel worker can share, and how to drop it.
 * Created from template0 (nobody connects to it, so parallel CREATEs do not collide on template1) with the
 * C collation, so text sorts by code point and lower() touches ASCII only, as in SQLite.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kuulo_t_${randomBytes(8).toString('hex')}`;
  await asAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`));
  const url = new URL(postgresServerUrl());
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () =>
      asAdmin(async (c) => {
        // A test's leftover pool must not keep the database alive.
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
      }),
  };
}
