import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../src/app.js';
import { redactUrl, type Db } from '../../src/db/db.js';
import { migrateToPostgres, type MigrateProgress } from '../../src/db/migrateToPostgres.js';
import { demoConversationId, ensureDemoConversation, ensureHameentieConversation, hameentieConversationId } from '../../src/demo.js';
import { migrateToPostgres as exported } from '../../src/index.js';
import { openDatabase } from '../../src/plugins/db.js';
import { findConversation } from '../../src/repositories/conversations.js';
import { freshPostgresDatabase } from '../support/postgres.js';

const adminKey = 'kadm_migrate-test-admin-key-0123456789';
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cliBin = join(repoRoot, 'packages/cli/src/bin.ts');

let dir: string;
let dbPath: string;
/** GET …/math bodies (and the math status) of every conversation, served by the SQLite server before it stopped. */
const served = new Map<string, { math: string; status: unknown }>();
const slugs = [demoConversationId, hameentieConversationId, 'bike-lanes'];
const dropLater: (() => Promise<void>)[] = [];

async function fresh(): Promise<string> {
  const database = await freshPostgresDatabase();
  dropLater.push(database.drop);
  return database.url;
}

function caller(app: FastifyInstance) {
  return async (method: InjectOptions['method'], url: string, payload?: object, key: string | null = adminKey) => {
    const res = await app.inject({ method, url: `/api/v1${url}`, ...(payload && { payload }), headers: key ? { authorization: `Bearer ${key}` } : {} });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
}

// One SQLite database with real content of every kind, built once: the bundled demos, new votes, moderation, translations, keys, math, uncertainty.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kuulo-migrate-'));
  dbPath = join(dir, 'kuulo.db');
  const app = await buildApp({ dbPath, adminKey, math: { enabled: true, workers: 1, debounceMs: 20 }, rateLimit: { perAddress: 0, perParticipant: 0 } });
  try {
    const call = caller(app);
    await ensureDemoConversation(app);
    await ensureHameentieConversation(app);
    const created = (await call('POST', '/conversations', { topic: 'Bike lanes on Main Street', id: 'bike-lanes', languages: ['en', 'fi'] })).json() as { moderatorKey: string };
    const seeds: number[] = [];
    for (const text of ['Remove parking for a bike lane', 'Keep every parking space', 'Lower the speed limit to 30 km/h', 'Plant trees along the street'])
      seeds.push(((await call('POST', '/conversations/bike-lanes/seeds', { text }, created.moderatorKey)).json() as { id: number }).id);
    for (let r = 0; r < 24; r++) {
      const lane = r % 2 === 0;
      for (const [i, vote] of [lane ? 'agree' : 'disagree', lane ? 'disagree' : 'agree', 'agree', r % 3 === 0 ? 'pass' : 'agree'].entries())
        await call('POST', '/conversations/bike-lanes/votes', { statementId: seeds[i], vote, xid: `resident-${r}` }, null);
    }
    // A participant's own statement and a changed vote (history keeps both).
    const joined = (await call('POST', '/conversations/bike-lanes/participants', {}, null)).json() as { token: string };
    const own = await app.inject({ method: 'POST', url: '/api/v1/conversations/bike-lanes/statements', headers: { 'x-participant-token': joined.token }, payload: { text: 'Widen the pavements' } });
    expect(own.statusCode).toBe(201);
    await call('POST', '/conversations/bike-lanes/votes', { statementId: seeds[3], vote: 'disagree', xid: 'resident-0' }, null);
    await call('PUT', `/conversations/bike-lanes/statements/${seeds[0]}/translations/fi`, { text: 'Poistetaan pysäköinti pyöräkaistan tieltä' }, created.moderatorKey);
    await call('PUT', '/conversations/bike-lanes/xid-allowlist', { enabled: false, xids: ['resident-0', 'resident-1', 'résident-ü'] }, created.moderatorKey);
    // A named moderator key, which the moderation log then names.
    const named = (await call('POST', `/conversations/${hameentieConversationId}/moderator-keys`, { label: 'Aino' })).json() as { moderatorKey: string };
    await call('PATCH', `/conversations/${hameentieConversationId}/statements/3`, { moderation: 'rejected' }, named.moderatorKey);
    await call('PUT', `/conversations/${hameentieConversationId}/statements/1/translations/sv`, { text: 'En rättad översättning' }, named.moderatorKey);
    await call('PUT', `/conversations/${hameentieConversationId}/participants/5/exclusion`, { reason: 'test' }, named.moderatorKey);
    await call('PATCH', `/conversations/${demoConversationId}/statements/2`, { isMeta: true });
    await call('PUT', `/conversations/${hameentieConversationId}/featured`, { featured: true });
    for (const slug of slugs) await app.kuulo.math.recompute((await findConversation(app.db, slug))!.id);
    // A bootstrap job: uncertainty_results gets a row and the math of this tick carries it.
    await call('POST', '/conversations/bike-lanes/uncertainty', { resamples: 10, seed: 3 }, created.moderatorKey);
    for (let i = 0; i < 600; i++) {
      const state = ((await call('GET', '/conversations/bike-lanes/uncertainty')).json() as { state: string }).state;
      if (state === 'done' || state === 'failed') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    for (const slug of slugs) {
      served.set(slug, { math: (await call('GET', `/conversations/${slug}/math`, undefined, null)).body, status: (await call('GET', `/conversations/${slug}/math/status`, undefined, null)).json() });
    }
  } finally {
    await app.close();
  }
}, 180_000);

afterAll(async () => {
  for (const drop of dropLater) await drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every user table of the SQLite file with its primary key columns (the order both sides are read in). */
async function tablesOf(sqlite: Db): Promise<{ name: string; key: string[] }[]> {
  const names = (await sqlite.column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_version' ORDER BY name")) as string[];
  const tables = [];
  for (const name of names) {
    const pk = (await sqlite.all('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk', name)) as { name: string }[];
    tables.push({ name, key: pk.map((c) => c.name) });
  }
  return tables;
}

/** Asserts that every row of every table is the same on both sides; returns the row counts. */
async function expectSameRows(sqlitePath: string, url: string): Promise<Record<string, number>> {
  const sqlite = await openDatabase({ path: sqlitePath, synchronous: 'NORMAL' });
  const pg = await openDatabase({ path: url, synchronous: 'NORMAL' });
  try {
    const counts: Record<string, number> = {};
    for (const { name, key } of await tablesOf(sqlite)) {
      const sql = `SELECT * FROM ${name} ORDER BY ${key.join(', ')}`;
      const before = await sqlite.all(sql);
      const after = await pg.all(sql);
      expect(after, name).toEqual(before);
      counts[name] = before.length;
    }
    return counts;
  } finally {
    await sqlite.close();
    await pg.close();
  }
}

describe('migrateToPostgres', () => {
  let url: string;
  let counts: Record<string, number>;

  test('copies every row of every table as it is, in batches, and reports each table', async () => {
    expect(exported).toBe(migrateToPostgres);
    url = await fresh();
    const progress: MigrateProgress[] = [];
    const started = performance.now();
    const result = await migrateToPostgres({ from: dbPath, to: url, onProgress: (p) => progress.push(p) });
    const ms = performance.now() - started;
    counts = await expectSameRows(dbPath, url);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`migrated the demo database (${rows} rows in ${result.tables.length} tables) in ${Math.round(ms)} ms`);
    expect(Object.fromEntries(result.tables.map((t) => [t.table, t.rows]))).toEqual(counts);
    // Parents come before children.
    const order = result.tables.map((t) => t.table);
    for (const child of ['participants', 'statements', 'votes', 'math_results', 'moderation_log', 'moderator_keys', 'statement_translations'])
      expect(order.indexOf('conversations'), child).toBeLessThan(order.indexOf(child));
    expect(order.indexOf('statements')).toBeLessThan(order.indexOf('statement_translations'));
    // Real content of every kind went across.
    expect(counts).toMatchObject({ conversations: 3, math_results: 3, moderator_keys: 1, participant_exclusions: 1, uncertainty_results: 1, xid_allowlist: 3 });
    for (const table of ['votes', 'current_votes', 'participants', 'statements', 'statement_tallies', 'statement_translations', 'moderation_log', 'settings']) expect(counts[table], table).toBeGreaterThan(0);
    expect(counts.votes).toBeGreaterThan(3000);
    // The BLOB column arrived as bytes.
    const pg = await openDatabase({ path: url, synchronous: 'NORMAL' });
    try {
      const places = (await pg.column('SELECT participant_places FROM math_results WHERE participant_places IS NOT NULL')) as unknown[];
      expect(places).toHaveLength(3);
      for (const p of places) expect(Buffer.isBuffer(p) && p.length > 0).toBe(true);
    } finally {
      await pg.close();
    }
    // Progress per batch, ending at each table's total.
    const votes = progress.filter((p) => p.table === 'votes');
    expect(votes.length).toBeGreaterThan(2);
    expect(votes.at(-1)).toEqual({ table: 'votes', rows: counts.votes, total: counts.votes });
  });

  test('small batches give the same copy', async () => {
    const other = await fresh();
    const result = await migrateToPostgres({ from: dbPath, to: other, batchRows: 7 });
    expect(Object.fromEntries(result.tables.map((t) => [t.table, t.rows]))).toEqual(counts);
    expect(await expectSameRows(dbPath, other)).toEqual(counts);
  });

  test('a target a server already started on (its own admin key, no conversation) gets the settings of the source', async () => {
    const other = await fresh();
    const app = await buildApp({ dbPath: other, adminKey: 'kadm_another-servers-key-0123456789', math: { enabled: false } });
    await app.close();
    await migrateToPostgres({ from: dbPath, to: other });
    expect(await expectSameRows(dbPath, other)).toEqual(counts);
  });

  test('a second migration into the same database is refused, naming it without the password and the count', async () => {
    const withPassword = new URL(url);
    withPassword.password = 'sekret-pw';
    const refused = migrateToPostgres({ from: dbPath, to: withPassword.href });
    // The run's server may not check passwords (trust), or may: either way the message never shows this one.
    await expect(refused).rejects.toThrow();
    const message = await refused.catch((e: Error) => e.message);
    expect(message).not.toContain('sekret-pw');
    await expect(migrateToPostgres({ from: dbPath, to: url })).rejects.toThrow(`${redactUrl(url)} already holds 3 conversations`);
    expect(redactUrl('postgres://kuulo:pw@db.example:5432/kuulo')).toBe('postgres://kuulo@db.example:5432/kuulo');
    expect(await expectSameRows(dbPath, url)).toEqual(counts);
  });

  test('refuses a SQLite path that does not exist, without creating it, and a target that is not PostgreSQL', async () => {
    const missing = join(dir, 'nowhere', 'missing.db');
    await expect(migrateToPostgres({ from: missing, to: url })).rejects.toThrow(`SQLite database ${missing} does not exist`);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    await expect(migrateToPostgres({ from: dbPath, to: join(dir, 'copy.db') })).rejects.toThrow('the target must be a postgres:// or postgresql:// URL');
    await expect(migrateToPostgres({ from: url, to: url })).rejects.toThrow('the source must be a SQLite file');
  });

  test('a server on the PostgreSQL copy serves the same math as the SQLite server did', async () => {
    const app = await buildApp({ dbPath: url, adminKey, math: { enabled: false } });
    try {
      const call = caller(app);
      for (const slug of slugs) {
        expect((await call('GET', `/conversations/${slug}/math`, undefined, null)).body, slug).toBe(served.get(slug)!.math);
        expect((await call('GET', `/conversations/${slug}/math/status`, undefined, null)).json(), slug).toEqual(served.get(slug)!.status);
      }
      expect(served.get('bike-lanes')!.math).toContain('"uncertainty"');
      // The admin key the SQLite server stored is the one the copy knows, and the named key still moderates.
      expect((await call('GET', '/conversations')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('identity columns continue after the copied ids', async () => {
    const pg = await openDatabase({ path: url, synchronous: 'NORMAL' });
    try {
      const maxOf = async (table: string) => Number(await pg.value(`SELECT max(id) FROM ${table}`));
      const conversation = await maxOf('conversations');
      const id = await pg.value("INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES ('after', 'After the move', 'x', 1, 1, 1) RETURNING id");
      expect(id).toBe(conversation + 1);
      const vote = await maxOf('votes');
      expect(await pg.value('INSERT INTO votes (conversation_id, pid, tid, vote, created_at) VALUES (?, 0, 0, 1, 1) RETURNING id', id)).toBe(vote + 1);
      const log = await maxOf('moderation_log');
      expect(await pg.value("INSERT INTO moderation_log (conversation_id, at, actor, action) VALUES (?, 1, 'admin', 'test') RETURNING id", id)).toBe(log + 1);
    } finally {
      await pg.close();
    }
  });

  test('`kuulo migrate` copies the database as a process and prints one line per table', async () => {
    const target = await fresh();
    // A copy of the file: the CLI opens it for writing (migrations) while this file's tests are done with it.
    const copy = join(dir, 'cli.db');
    copyFileSync(dbPath, copy);
    const run = (args: string[]) => spawnSync(process.execPath, ['--conditions=@kuulo/source', '--import', 'tsx', cliBin, ...args], { cwd: repoRoot, encoding: 'utf8' });
    const result = run(['migrate', '--from', copy, '--to', target]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    for (const [table, rows] of Object.entries(counts)) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${table} +${rows} rows?$`)));
    expect(lines.at(-1)).toMatch(new RegExp(`^copied ${Object.values(counts).reduce((a, b) => a + b, 0)} rows in ${Object.keys(counts).length} tables, counts verified, in \\d+\\.\\d s$`));
    expect(await expectSameRows(copy, target)).toEqual(counts);
    const again = run(['migrate', '--from', copy, '--to', target]);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`kuulo: ${redactUrl(target)} already holds 3 conversations: migrate into an empty database (two Kuulo databases are never merged)\n`);
  });
});
