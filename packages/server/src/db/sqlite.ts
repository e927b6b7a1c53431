import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import type { Db, RunResult } from './db.js';

type Mode = 'object' | 'raw' | 'pluck';

/**
 * {@link Db} over one better-sqlite3 connection. Queries run synchronously underneath; a transaction
 * holds the connection until it ends, and queries from outside it wait for the end, so an `await` inside
 * a transaction never lets another request's statements slip into it.
 */
export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  readonly root: Db = this;
  readonly connection: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  /** Settles when the running transaction ends; null when none runs. */
  #transaction: Promise<void> | null = null;
  readonly #inside: Db;
  /** The transaction whose code is running: a call on the outer Db from inside it joins it instead of waiting for its end. */
  readonly #current = new AsyncLocalStorage<{ open: boolean }>();

  constructor(connection: Database.Database) {
    this.connection = connection;
    this.#inside = new SqliteTransaction(this, 0);
  }

  get closed(): boolean {
    return !this.connection.open;
  }

  /** Compiled once per SQL text and mode. */
  statement(sql: string, mode: Mode): Database.Statement {
    const key = mode + sql;
    let s = this.#statements.get(key);
    if (!s) {
      s = this.connection.prepare(sql);
      if (mode === 'raw') s.raw(true);
      else if (mode === 'pluck') s.pluck(true);
      this.#statements.set(key, s);
    }
    return s;
  }

  async #free(): Promise<void> {
    if (this.#current.getStore()?.open) return;
    while (this.#transaction) await this.#transaction;
  }

  async get(sql: string, ...params: unknown[]): Promise<unknown> {
    if (this.#transaction) await this.#free();
    return this.statement(sql, 'object').get(...params);
  }

  async all(sql: string, ...params: unknown[]): Promise<unknown[]> {
    if (this.#transaction) await this.#free();
    return this.statement(sql, 'object').all(...params);
  }

  async value(sql: string, ...params: unknown[]): Promise<unknown> {
    if (this.#transaction) await this.#free();
    return this.statement(sql, 'pluck').get(...params);
  }

  async column(sql: string, ...params: unknown[]): Promise<unknown[]> {
    if (this.#transaction) await this.#free();
    return this.statement(sql, 'pluck').all(...params);
  }

  async rows(sql: string, ...params: unknown[]): Promise<unknown[][]> {
    if (this.#transaction) await this.#free();
    return this.statement(sql, 'raw').all(...params) as unknown[][];
  }

  async run(sql: string, ...params: unknown[]): Promise<RunResult> {
    if (this.#transaction) await this.#free();
    return { changes: this.statement(sql, 'object').run(...params).changes };
  }

  async each(sql: string, params: readonly unknown[], onRow: (row: unknown[]) => void): Promise<void> {
    if (this.#transaction) await this.#free();
    // Synchronous to the end: nothing else can use the connection while its cursor is open.
    for (const row of this.statement(sql, 'raw').iterate(...params)) onRow(row as unknown[]);
  }

  async exec(sql: string): Promise<void> {
    if (this.#transaction) await this.#free();
    this.connection.exec(sql);
  }

  async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.#current.getStore()?.open) return this.#inside.transaction(fn);
    await this.#free();
    let end!: () => void;
    this.#transaction = new Promise((resolve) => (end = resolve));
    const state = { open: true };
    try {
      this.connection.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.#current.run(state, () => fn(this.#inside));
        this.connection.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
        throw error;
      }
    } finally {
      state.open = false;
      this.#transaction = null;
      end();
    }
  }

  async close(): Promise<void> {
    await this.#free();
    if (!this.connection.open) return;
    // Fold the WAL back into the main file so a stopped server leaves one file behind.
    if (this.connection.name !== ':memory:') this.connection.pragma('wal_checkpoint(TRUNCATE)');
    this.connection.close();
  }
}

/** The view of the connection inside a transaction: runs at once, nests as savepoints. */
class SqliteTransaction implements Db {
  readonly dialect = 'sqlite' as const;

  get root(): Db {
    return this.outer;
  }

  constructor(
    private readonly outer: SqliteDb,
    private readonly depth: number,
  ) {}

  get closed(): boolean {
    return this.outer.closed;
  }

  async get(sql: string, ...params: unknown[]): Promise<unknown> {
    return this.outer.statement(sql, 'object').get(...params);
  }

  async all(sql: string, ...params: unknown[]): Promise<unknown[]> {
    return this.outer.statement(sql, 'object').all(...params);
  }

  async value(sql: string, ...params: unknown[]): Promise<unknown> {
    return this.outer.statement(sql, 'pluck').get(...params);
  }

  async column(sql: string, ...params: unknown[]): Promise<unknown[]> {
    return this.outer.statement(sql, 'pluck').all(...params);
  }

  async rows(sql: string, ...params: unknown[]): Promise<unknown[][]> {
    return this.outer.statement(sql, 'raw').all(...params) as unknown[][];
  }

  async run(sql: string, ...params: unknown[]): Promise<RunResult> {
    return { changes: this.outer.statement(sql, 'object').run(...params).changes };
  }

  async each(sql: string, params: readonly unknown[], onRow: (row: unknown[]) => void): Promise<void> {
    for (const row of this.outer.statement(sql, 'raw').iterate(...params)) onRow(row as unknown[]);
  }

  async exec(sql: string): Promise<void> {
    this.outer.connection.exec(sql);
  }

  async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const name = `kuulo_${this.depth + 1}`;
    this.outer.connection.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(new SqliteTransaction(this.outer, this.depth + 1));
      this.outer.connection.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.outer.connection.exec(`ROLLBACK TO ${name}`);
      this.outer.connection.exec(`RELEASE ${name}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    throw new Error('close the database, not a transaction');
  }
}
