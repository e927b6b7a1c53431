/** Which SQL engine a {@link Db} talks to. */
export type Dialect = 'sqlite' | 'postgres';

/** What a write statement did. */
export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/**
 * The storage seam every repository goes through: the same calls on embedded SQLite (one process) and
 * on PostgreSQL (many instances). SQL is written once with `?` or `@name` placeholders; the PostgreSQL
 * side numbers them and quotes camelCase aliases. Every call is async so a networked database fits.
 */
export interface Db {
  readonly dialect: Dialect;
  /** The database itself, also from inside a transaction: what per-database caches are keyed by. */
  readonly root: Db;
  /** True once {@link Db.close} has run: late callbacks (a math job finishing at shutdown) check it. */
  readonly closed: boolean;
  /** The first row, or undefined. */
  get(sql: string, ...params: unknown[]): Promise<unknown>;
  /** Every row, as objects keyed by column name. */
  all(sql: string, ...params: unknown[]): Promise<unknown[]>;
  /** The first column of the first row, or undefined. */
  value(sql: string, ...params: unknown[]): Promise<unknown>;
  /** The first column of every row. */
  column(sql: string, ...params: unknown[]): Promise<unknown[]>;
  /** Every row as an array of column values (less garbage on big reads). */
  rows(sql: string, ...params: unknown[]): Promise<unknown[][]>;
  /** A write; how many rows it changed. */
  run(sql: string, ...params: unknown[]): Promise<RunResult>;
  /** Streams rows (as arrays) to `onRow` without holding the whole result in memory. */
  each(sql: string, params: readonly unknown[], onRow: (row: unknown[]) => void): Promise<void>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction on the `Db` it is given (use that one inside, never the outer one).
   * Commits when `fn` resolves, rolls back when it throws. Nested calls become savepoints. On PostgreSQL
   * the transaction is SERIALIZABLE and retried on a serialization failure, so `fn` must not have effects
   * outside the database.
   */
  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** True for `postgres://` and `postgresql://` URLs (anything else is a SQLite path). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** A subquery of the values of a JSON array bound in place of its `?` (for `IN (…)` with many values). */
export function jsonArrayValues(dialect: Dialect, type: 'integer' | 'text'): string {
  if (dialect === 'sqlite') return '(SELECT value FROM json_each(?))';
  return type === 'integer' ? '(SELECT value::bigint FROM json_array_elements_text(?::json))' : '(SELECT value FROM json_array_elements_text(?::json))';
}

/** The URL without its password (in the user part or as `?password=`), for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    parsed.searchParams.delete('password');
    return parsed.href;
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1@');
  }
}
