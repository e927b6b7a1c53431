import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDb } from '../../src/db/sqlite.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultMigrationsDir, loadMigrations, runMigrations, type Migration } from '../../src/migrations/runMigrations.js';
import { freshPostgresDatabase } from '../support/postgres.js';

const sqliteMigrations = loadMigrations();
const postgresMigrations = loadMigrations(join(defaultMigrationsDir(), 'postgres'));

// The table runMigrations creates before any migration, in PostgreSQL terms.
const postgresSchemaVersion = `CREATE TABLE IF NOT EXISTS schema_version (
  version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`;

// BIGINT arrives as a string by default; the schema keeps millisecond and count values well inside 2^53.
const numericBigints: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, types: numericBigints });
  await client.connect();
  return client;
}

/** The bundled runner on SQLite (the PostgreSQL side below runs each file by hand, to name the failing one). */
async function runSqliteMigrations(db: SqliteDb, migrations: Migration[]): Promise<void> {
  await runMigrations(db, migrations);
}

/** The same steps on PostgreSQL: each migration newer than schema_version in its own transaction. */
async function runPostgresMigrations(client: pg.Client, migrations: Migration[]): Promise<void> {
  await client.query(postgresSchemaVersion);
  const from = (await client.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_version')).rows[0]!.v;
  for (const m of migrations) {
    if (m.version <= from) continue;
    await client.query('BEGIN');
    try {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw new Error(`postgres/${String(m.version).padStart(3, '0')}-${m.name}.sql: ${(err as Error).message}`);
    }
  }
}

/** One table's shape in terms both engines can state; each list is sorted where order carries no meaning. */
interface TableShape {
  columns: { name: string; type: string; notNull: boolean; default: string | null }[];
  primaryKey: string[];
  unique: string[][];
  indexes: { name: string; unique: boolean; columns: string[]; where: string | null }[];
  foreignKeys: { columns: string[]; table: string; references: string[]; onDelete: string }[];
  checks: number;
}

const sqliteTypes: Record<string, string> = { INTEGER: 'bigint', TEXT: 'text', REAL: 'double precision', BLOB: 'bytea' };
// Predicates and defaults compared without the parentheses, casts and case each engine prints differently.
const normalise = (sql: string | null) => (sql === null ? null : sql.replace(/::[a-z ]+/g, '').replace(/[()]/g, '').replace(/\s+/g, ' ').trim().toLowerCase());
const byJson = <T>(list: T[]) => list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function sqliteShape(db: SqliteDb): Promise<Map<string, TableShape>> {
  const tables = (await db.all("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) as { name: string; sql: string }[];
  const shapes = new Map<string, TableShape>();
  for (const { name: table, sql } of tables) {
    const cols = (await db.all('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid', table)) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const indexList = (await db.all('SELECT name, "unique", origin, partial FROM pragma_index_list(?)', table)) as { name: string; unique: number; origin: string; partial: number }[];
    const indexColumns = async (index: string) => ((await db.all('SELECT name FROM pragma_index_info(?) ORDER BY seqno', index)) as { name: string }[]).map((r) => r.name);
    const indexWhere = async (index: string) => {
      const text = ((await db.get("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", index)) as { sql: string }).sql;
      return normalise(/\bWHERE\b(.*)$/is.exec(text)?.[1] ?? null);
    };
    const fks = (await db.all('SELECT id, "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq', table)) as {
      id: number;
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[];
    shapes.set(table, {
      columns: cols.map((c) => ({
        name: c.name,
        type: sqliteTypes[c.type] ?? `unmapped ${c.type}`,
        // Key columns cannot hold NULL (STRICT tables, rowid aliases) though a rowid alias reports notnull 0.
        notNull: c.notnull === 1 || c.pk > 0,
        default: normalise(c.dflt_value),
      })),
      primaryKey: cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      unique: byJson(await Promise.all(indexList.filter((i) => i.origin === 'u').map((i) => indexColumns(i.name)))),
      indexes: byJson(
        await Promise.all(
          indexList.filter((i) => i.origin === 'c').map(async (i) => ({ name: i.name, unique: i.unique === 1, columns: await indexColumns(i.name), where: i.partial ? await indexWhere(i.name) : null })),
        ),
      ),
      foreignKeys: byJson(
        [...new Set(fks.map((f) => f.id))].map((id) => fks.filter((f) => f.id === id)).map((rows) => ({
          columns: rows.map((r) => r.from),
          table: rows[0]!.table,
          references: rows.map((r) => r.to),
          onDelete: rows[0]!.on_delete,
        })),
      ),
      checks: (sql.match(/\bCHECK\s*\(/gi) ?? []).length,
    });
  }
  return shapes;
}

// A constraint's or index's column names in key order (pg_attribute looked up per position).
const keyColumns = (keys: string, rel: string) =>
  `array(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum ORDER BY k.n)`;

async function postgresShape(client: pg.Client): Promise<Map<string, TableShape>> {
  const tables = (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\"")).rows;
  const shapes = new Map<string, TableShape>();
  for (const { name: table } of tables) {
    const cols = (
      await client.query<{ name: string; type: string; nullable: string; dflt: string | null }>(
        `SELECT column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS dflt
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows;
    const constraints = (
      await client.query<{ type: string; columns: string[]; ref_table: string | null; ref_columns: string[] | null; on_delete: string }>(
        `SELECT c.contype AS type, ${keyColumns('c.conkey', 'c.conrelid')} AS columns, f.relname::text AS ref_table,
                CASE WHEN c.contype = 'f' THEN ${keyColumns('c.confkey', 'c.confrelid')} END AS ref_columns, c.confdeltype AS on_delete
           FROM pg_constraint c LEFT JOIN pg_class f ON f.oid = c.confrelid WHERE c.conrelid = $1::regclass`,
        [`public.${table}`],
      )
    ).rows;
    const indexes = (
      await client.query<{ name: string; unique: boolean; columns: string[]; predicate: string | null }>(
        `SELECT i.relname::text AS name, ix.indisunique AS unique, ${keyColumns('ix.indkey::int2[]', 'ix.indrelid')} AS columns,
                pg_get_expr(ix.indpred, ix.indrelid) AS predicate
           FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid
          WHERE ix.indrelid = $1::regclass
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u', 'x'))`,
        [`public.${table}`],
      )
    ).rows;
    const onDelete: Record<string, string> = { a: 'NO ACTION', c: 'CASCADE', r: 'RESTRICT', n: 'SET NULL', d: 'SET DEFAULT' };
    shapes.set(table, {
      columns: cols.map((c) => ({ name: c.name, type: c.type, notNull: c.nullable === 'NO', default: normalise(c.dflt) })),
      primaryKey: constraints.find((c) => c.type === 'p')?.columns ?? [],
      unique: byJson(constraints.filter((c) => c.type === 'u').map((c) => c.columns)),
      indexes: byJson(indexes.map((i) => ({ name: i.name, unique: i.unique, columns: i.columns, where: normalise(i.predicate) }))),
      foreignKeys: byJson(
        constraints
          .filter((c) => c.type === 'f')
          .map((c) => ({ columns: c.columns, table: c.ref_table!, references: c.ref_columns!, onDelete: onDelete[c.on_delete] ?? c.on_delete })),
      ),
      checks: constraints.filter((c) => c.type === 'c').length,
    });
  }
  return shapes;
}

describe('PostgreSQL migrations', () => {
  let database: { url: string; drop(): Promise<void> };
  let client: pg.Client;
  let sqlite: SqliteDb;

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    client = await connect(database.url);
    await runPostgresMigrations(client, postgresMigrations);
    sqlite = new SqliteDb(new Database(':memory:'));
    await runSqliteMigrations(sqlite, sqliteMigrations);
  });

  afterAll(async () => {
    await sqlite?.close();
    await client?.end();
    await database?.drop();
  });

  test('there is one PostgreSQL file for every SQLite migration, with the same number and name', () => {
    expect(postgresMigrations.map((m) => [m.version, m.name])).toEqual(sqliteMigrations.map((m) => [m.version, m.name]));
    for (const m of postgresMigrations) expect(m.sql.split('\n')[0], m.name).toMatch(new RegExp(`^-- PostgreSQL dialect of \\.\\./${String(m.version).padStart(3, '0')}-${m.name}\\.sql`));
  });

  test('every table has the same columns, keys, indexes, foreign keys and checks as in SQLite', async () => {
    const expected = await sqliteShape(sqlite);
    const actual = await postgresShape(client);
    // Guards the comparison itself: an empty or half-read SQLite schema must not pass.
    expect(expected.size).toBeGreaterThanOrEqual(15);
    expect(expected.get('conversations')!.columns.map((c) => c.name)).toContain('moderator_key_hash');
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [table, shape] of expected) expect({ table, ...actual.get(table) }).toEqual({ table, ...shape });
  });

  test('only the ids SQLite assigns itself are identity columns, and explicit ids are still accepted', async () => {
    const identity = (await client.query<{ col: string; generation: string }>(
      "SELECT table_name || '.' || column_name AS col, identity_generation AS generation FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES' ORDER BY 1",
    )).rows;
    expect(identity).toEqual(['conversations.id', 'moderation_log.id', 'votes.id'].map((col) => ({ col, generation: 'BY DEFAULT' })));
    await client.query("INSERT INTO conversations (id, slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (900, 'explicit', 't', 'h', 0, 0, 0)");
    await client.query('DELETE FROM conversations WHERE id = 900');
  });

  test('a conversation and a statement take the minimum columns, and deleting the conversation cascades', async () => {
    const { id } = (await client.query<{ id: number }>(
      "INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES ('min', 'Topic', 'h', 7, 1, 1) RETURNING id",
    )).rows[0]!;
    const conversation = (await client.query('SELECT * FROM conversations WHERE id = $1', [id])).rows[0];
    expect(conversation).toMatchObject({ description: '', is_open: 1, languages: '[]', math_mode: 'polis', bridging: 'auto', participant_count: 0, translations: '{}', privacy_floor: 5, xid_secret: null });
    await client.query("INSERT INTO statements (conversation_id, tid, text, created_at) VALUES ($1, 0, 'A statement', 2)", [id]);
    await client.query("INSERT INTO statement_translations (conversation_id, tid, lang, text, source, updated_at) VALUES ($1, 0, 'sv', 'Ett påstående', 'author', 3)", [id]);
    await client.query('INSERT INTO votes (conversation_id, pid, tid, vote, created_at) VALUES ($1, 0, 0, 1, 4)', [id]);
    await client.query("INSERT INTO moderator_keys (conversation_id, label, key_hash, created_at) VALUES ($1, 'anna', 'k', 5)", [id]);
    expect((await client.query('SELECT moderation, is_seed, lang_source, duplicate_of FROM statements WHERE conversation_id = $1', [id])).rows).toEqual([
      { moderation: 0, is_seed: 0, lang_source: null, duplicate_of: null },
    ]);
    await expect(client.query('UPDATE statements SET moderation = 2 WHERE conversation_id = $1', [id])).rejects.toThrow(/check constraint/);
    await expect(client.query('UPDATE conversations SET privacy_floor = 1 WHERE id = $1', [id])).rejects.toThrow(/check constraint/);

    await client.query('DELETE FROM conversations WHERE id = $1', [id]);
    for (const table of ['statements', 'statement_translations', 'votes', 'moderator_keys']) {
      expect((await client.query(`SELECT count(*) AS n FROM ${table} WHERE conversation_id = $1`, [id])).rows[0], table).toEqual({ n: 0 });
    }
  });

  test('upgrading a v2 database backfills tallies, participant counts and language sources as SQLite does', async () => {
    const old = await freshPostgresDatabase();
    const pgOld = await connect(old.url);
    const liteOld = new SqliteDb(new Database(':memory:'));
    try {
      await runPostgresMigrations(pgOld, postgresMigrations.slice(0, 2));
      await runSqliteMigrations(liteOld, sqliteMigrations.slice(0, 2));
      const rows = [
        "INSERT INTO conversations (id, slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (1, 'a', 't', 'h', 0, 0, 0), (2, 'b', 't', 'h', 0, 0, 0)",
        'INSERT INTO participants (conversation_id, pid, created_at) VALUES (1, 0, 0), (1, 1, 0), (1, 2, 0), (2, 0, 0)',
        "INSERT INTO statements (conversation_id, tid, text, lang, created_at) VALUES (1, 0, 'x', 'fi', 0), (1, 1, 'y', NULL, 0), (1, 2, 'z', NULL, 0), (2, 0, 'w', 'en', 0)",
        `INSERT INTO votes (conversation_id, pid, tid, vote, created_at) VALUES
           (1, 0, 0, 1, 1), (1, 1, 0, -1, 2), (1, 1, 0, 1, 3), (1, 2, 0, 0, 4), (1, 0, 1, -1, 5), (2, 0, 0, 1, 6)`,
        'INSERT INTO current_votes (conversation_id, pid, tid, vote, created_at) VALUES (1, 0, 0, 1, 1), (1, 1, 0, 1, 3), (1, 2, 0, 0, 4), (1, 0, 1, -1, 5), (2, 0, 0, 1, 6)',
      ];
      for (const sql of rows) {
        await pgOld.query(sql);
        await liteOld.exec(sql);
      }
      await runPostgresMigrations(pgOld, postgresMigrations);
      await runSqliteMigrations(liteOld, sqliteMigrations);
      const queries = [
        'SELECT * FROM statement_tallies ORDER BY conversation_id, tid',
        'SELECT id, participant_count FROM conversations ORDER BY id',
        'SELECT conversation_id, tid, lang, lang_source FROM statements ORDER BY conversation_id, tid',
        'SELECT version, name FROM schema_version ORDER BY version',
      ];
      for (const sql of queries) expect((await pgOld.query(sql)).rows, sql).toEqual((await liteOld.all(sql)));
    } finally {
      await liteOld.close();
      await pgOld.end();
      await old.drop();
    }
  });
});
