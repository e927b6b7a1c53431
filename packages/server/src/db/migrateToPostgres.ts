import { existsSync, statSync } from 'node:fs';
import { openDatabase } from '../plugins/db.js';
import { type Db, isPostgresUrl, redactUrl } from './db.js';

/** Where {@link migrateToPostgres} is: rows of `table` copied so far, of `total`. */
export interface MigrateProgress {
  table: string;
  rows: number;
  total: number;
}

/** What {@link migrateToPostgres} copies and how. */
export interface MigrateOptions {
  /** The SQLite database file (it must exist; its migrations and backfills are applied first). */
  from: string;
  /** The target `postgres://` or `postgresql://` URL; it must hold no conversation yet. */
  to: string;
  /** Most rows per read from SQLite and per INSERT (fewer when the table is wide or its rows are large). Default 1000. */
  batchRows?: number;
  /** Called after every batch written. */
  onProgress?: (progress: MigrateProgress) => void;
}

/** What {@link migrateToPostgres} copied: every table in the order copied, with its (verified) row count. */
export interface MigrateResult {
  tables: { table: string; rows: number }[];
}

/** PostgreSQL's limit of bind parameters in one statement (a 16-bit count in the protocol). */
const maxParameters = 65535;
const defaultBatchRows = 1000;
/** About this many characters/bytes of values per read page: a table of multi-megabyte math results is read a few rows at a time. */
const pageBudget = 16 * 1024 * 1024;

interface Table {
  name: string;
  columns: string[];
  /** Columns of the keyset order (the primary key, or SQLite's rowid), as indexes into the selected row. */
  key: number[];
  /** True when the key is the rowid, selected after the columns (a table without a primary key). */
  rowid: boolean;
  parents: string[];
}

/**
 * Copies a SQLite Kuulo database into PostgreSQL, every table and row as it is, then moves the identity
 * sequences past the copied ids and checks that each table holds as many rows on both sides. Refuses a
 * target that already holds conversations. Stop the server on the SQLite file first: the copy holds its
 * write lock, so a running server's writes would wait and fail rather than be left behind.
 */
export async function migrateToPostgres(options: MigrateOptions): Promise<MigrateResult> {
  const { from, to } = options;
  const batchRows = options.batchRows ?? defaultBatchRows;
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new Error(`batchRows must be a positive integer, got ${batchRows}`);
  if (isPostgresUrl(from)) throw new Error(`the source must be a SQLite file, got the PostgreSQL URL ${redactUrl(from)}`);
  if (!isPostgresUrl(to)) throw new Error(`the target must be a postgres:// or postgresql:// URL, got '${to}'`);
  // openDatabase would create an empty file, and a copy of nothing would "succeed".
  if (!existsSync(from)) throw new Error(`SQLite database ${from} does not exist`);
  if (!statSync(from).isFile()) throw new Error(`SQLite database ${from} is not a file`);
  const target = redactUrl(to);
  const source = await openDatabase({ path: from, synchronous: 'FULL' }).catch((error: unknown) => {
    throw new Error(`cannot open ${from} as a Kuulo SQLite database: ${messageOf(error)}`, { cause: error });
  });
  try {
    const destination = await openDatabase({ path: to, synchronous: 'FULL', poolSize: 1 }).catch((error: unknown) => {
      throw new Error(`cannot open ${target}: ${messageOf(error)}`, { cause: error });
    });
    try {
      // The SQLite transaction is a snapshot: tallies, votes and math are copied as of one moment.
      return await source.transaction((src) =>
        // One PostgreSQL transaction for everything: a failure leaves the target empty, so the command can simply run again.
        destination.transaction((dst) => copyAll(src, dst, target, batchRows, options.onProgress)),
      );
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}

async function copyAll(src: Db, dst: Db, target: string, batchRows: number, onProgress: MigrateOptions['onProgress']): Promise<MigrateResult> {
  const conversations = Number(await dst.value('SELECT count(*) FROM conversations'));
  if (conversations > 0) {
    throw new Error(`${target} already holds ${conversations} conversation${conversations === 1 ? '' : 's'}: migrate into an empty database (two Kuulo databases are never merged)`);
  }
  const fromVersion = await src.value('SELECT max(version) FROM schema_version');
  const toVersion = await dst.value('SELECT max(version) FROM schema_version');
  if (fromVersion !== toVersion) throw new Error(`schema versions differ after migrating both: SQLite ${fromVersion}, PostgreSQL ${toVersion}`);

  const tables = inParentOrder(await sqliteTables(src));
  const pgColumns = new Map<string, { columns: Set<string>; identity: string[] }>();
  for (const row of (await dst.all(
    "SELECT table_name AS t, column_name AS c, is_identity AS i FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
  )) as { t: string; c: string; i: string }[]) {
    const entry = pgColumns.get(row.t) ?? { columns: new Set(), identity: [] };
    entry.columns.add(row.c);
    if (row.i === 'YES') entry.identity.push(row.c);
    pgColumns.set(row.t, entry);
  }
  for (const table of tables) {
    const pg = pgColumns.get(table.name);
    if (!pg) throw new Error(`table ${table.name} is in the SQLite database but not in ${target}`);
    const missing = table.columns.filter((c) => !pg.columns.has(c));
    const extra = [...pg.columns].filter((c) => !table.columns.includes(c));
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(`table ${table.name} differs: ${[...missing.map((c) => `${c} only in SQLite`), ...extra.map((c) => `${c} only in PostgreSQL`)].join(', ')}`);
    }
    if (table.name === 'settings') continue;
    const present = Number(await dst.value(`SELECT count(*) FROM ${quote(table.name)}`));
    if (present > 0) throw new Error(`${target} already holds ${present} rows in ${table.name}: migrate into an empty database`);
  }
  // A server started once on the empty target generated its own admin key there; the copy carries the source's.
  await dst.run('DELETE FROM settings');

  const copied: { table: string; rows: number }[] = [];
  for (const table of tables) {
    const total = Number(await src.value(`SELECT count(*) FROM ${quote(table.name)}`));
    const rows = await copyTable(src, dst, table, total, batchRows, onProgress);
    const written = Number(await dst.value(`SELECT count(*) FROM ${quote(table.name)}`));
    if (rows !== total || written !== total) throw new Error(`table ${table.name}: ${total} rows in SQLite, ${rows} read, ${written} in PostgreSQL`);
    copied.push({ table: table.name, rows: written });
  }
  // Last: setval is not undone by a rollback, and new rows must not collide with the copied ids.
  for (const table of tables) {
    for (const column of pgColumns.get(table.name)!.identity) {
      const t = quote(table.name);
      const c = quote(column);
      await dst.get(`SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(${c}), 1), max(${c}) IS NOT NULL) FROM ${t}`, t, column);
    }
  }
  return { tables: copied };
}

/** Every table of the SQLite database but the migrations' own and SQLite's internal ones, with columns, key and parents. */
async function sqliteTables(src: Db): Promise<Table[]> {
  const names = (await src.column(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_version' ORDER BY name",
  )) as string[];
  const tables: Table[] = [];
  for (const name of names) {
    const info = (await src.all('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid', name)) as { name: string; pk: number }[];
    const columns = info.map((c) => c.name);
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const parents = (await src.column('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)', name)) as string[];
    tables.push({
      name,
      columns,
      key: pk.length > 0 ? pk.map((c) => columns.indexOf(c.name)) : [columns.length],
      rowid: pk.length === 0,
      parents: parents.filter((p) => p !== name),
    });
  }
  return tables;
}

/** Parents before children (foreign keys are checked per statement); otherwise by name. */
function inParentOrder(tables: Table[]): Table[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: Table[] = [];
  const visit = (table: Table, path: string[]) => {
    if (done.has(table.name)) return;
    if (path.includes(table.name)) throw new Error(`foreign keys form a cycle: ${[...path, table.name].join(' → ')}`);
    for (const parent of table.parents) {
      const p = byName.get(parent);
      if (p) visit(p, [...path, table.name]);
    }
    done.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

/** Reads the table in keyset pages (memory holds one page) and writes each page with multi-row INSERTs. */
async function copyTable(src: Db, dst: Db, table: Table, total: number, batchRows: number, onProgress: MigrateOptions['onProgress']): Promise<number> {
  const t = quote(table.name);
  const selected = [...table.columns.map(quote), ...(table.rowid ? ['rowid'] : [])];
  const keyNames = table.key.map((i) => selected[i]!);
  const order = keyNames.join(', ');
  const first = `SELECT ${selected.join(', ')} FROM ${t} ORDER BY ${order} LIMIT ?`;
  const next = `SELECT ${selected.join(', ')} FROM ${t} WHERE (${order}) > (${keyNames.map(() => '?').join(', ')}) ORDER BY ${order} LIMIT ?`;
  const width = table.columns.length;
  // Pages and statements of power-of-two sizes only: a full page is one INSERT, and each size is translated and cached once.
  const largest = powerOfTwoAtMost(Math.min(batchRows, maxParameters / width));
  const insert = new Map<number, string>();
  const insertSql = (n: number) => {
    let sql = insert.get(n);
    if (!sql) {
      const tuple = `(${table.columns.map(() => '?').join(', ')})`;
      sql = `INSERT INTO ${t} (${table.columns.map(quote).join(', ')}) VALUES ${Array.from({ length: n }, () => tuple).join(', ')}`;
      insert.set(n, sql);
    }
    return sql;
  };
  // The first page is one row: its size says how many more fit in the page budget.
  let pageRows = 1;
  let widest = 1;
  let last: unknown[] | undefined;
  let copied = 0;
  for (;;) {
    const page = last ? await src.rows(next, ...table.key.map((i) => last![i]), pageRows) : await src.rows(first, pageRows);
    if (page.length === 0) break;
    for (let start = 0; start < page.length; ) {
      const n = Math.min(largest, powerOfTwoAtMost(page.length - start));
      const params: unknown[] = [];
      for (let r = start; r < start + n; r++) {
        const row = page[r]!;
        for (let c = 0; c < width; c++) params.push(row[c]);
        widest = Math.max(widest, rowSize(row));
      }
      try {
        await dst.run(insertSql(n), ...params);
      } catch (error) {
        const at = table.key.map((i) => JSON.stringify(page[start]![i])).join(', ');
        throw new Error(`copying ${table.name} failed in the batch starting at key (${at}): ${messageOf(error)}`, { cause: error });
      }
      start += n;
    }
    copied += page.length;
    last = page.at(-1);
    onProgress?.({ table: table.name, rows: copied, total });
    if (page.length < pageRows) break;
    pageRows = Math.min(largest, powerOfTwoAtMost(pageBudget / widest));
  }
  return copied;
}

/** The largest power of two not above `n` (1 for anything below 2). */
function powerOfTwoAtMost(n: number): number {
  return n < 2 ? 1 : 2 ** Math.floor(Math.log2(n));
}

/** Rough size of a row's values (string length, buffer bytes), to keep a page within the budget. */
function rowSize(row: unknown[]): number {
  let size = 0;
  for (const v of row) size += typeof v === 'string' ? v.length : v instanceof Uint8Array ? v.byteLength : 8;
  return size;
}

/** A double-quoted identifier: both engines read it, and translateSql leaves it alone. */
function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

