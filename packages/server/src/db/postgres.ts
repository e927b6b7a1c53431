import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Db, RunResult } from './db.js';
import { postgresValues, toPostgres } from './translateSql.js';

// bigint (counts, ids, millisecond times) and numeric (sums) arrive as JavaScript numbers, as from SQLite.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** SQLSTATEs after which a whole transaction is worth running again. */
const retryable = new Set(['40001', '40P01']);
const maxAttempts = 20;

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

async function query(on: Queryable, sql: string, params: readonly unknown[], rowMode?: 'array'): Promise<pg.QueryResult> {
  const statement = toPostgres(sql);
  const values = postgresValues(statement, params);
  return on.query({ text: statement.text, values, ...(rowMode && { rowMode }) });
}

abstract class PostgresQueries implements Db {
  readonly dialect = 'postgres' as const;
  abstract readonly root: Db;
  abstract readonly closed: boolean;
  protected abstract readonly target: Queryable;

  async get(sql: string, ...params: unknown[]): Promise<unknown> {
    return (await query(this.target, sql, params)).rows[0];
  }

  async all(sql: string, ...params: unknown[]): Promise<unknown[]> {
    return (await query(this.target, sql, params)).rows;
  }

  async value(sql: string, ...params: unknown[]): Promise<unknown> {
    return ((await query(this.target, sql, params, 'array')).rows as unknown[][])[0]?.[0];
  }

  async column(sql: string, ...params: unknown[]): Promise<unknown[]> {
    return ((await query(this.target, sql, params, 'array')).rows as unknown[][]).map((r) => r[0]);
  }

  async rows(sql: string, ...params: unknown[]): Promise<unknown[][]> {
    return (await query(this.target, sql, params, 'array')).rows as unknown[][];
  }

  async run(sql: string, ...params: unknown[]): Promise<RunResult> {
    return { changes: (await query(this.target, sql, params)).rowCount ?? 0 };
  }

  async each(sql: string, params: readonly unknown[], onRow: (row: unknown[]) => void): Promise<void> {
    for (const row of await this.rows(sql, ...params)) onRow(row);
  }

  async exec(sql: string): Promise<void> {
    await this.target.query(sql);
  }

  abstract transaction<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;
}

/** {@link Db} over a `pg` connection pool: many server instances can share the database. */
export class PostgresDb extends PostgresQueries {
  readonly pool: pg.Pool;
  readonly root: Db = this;
  #closed = false;
  /** The transaction whose code is running: a call on the pool from inside it joins it (another connection would wait on its locks). */
  readonly #current = new AsyncLocalStorage<{ open: boolean; tx: PostgresTransaction }>();

  readonly #url: string;

  constructor(url: string, options: { max?: number } = {}) {
    super();
    this.#url = url;
    this.pool = new pg.Pool({ connectionString: url, types, max: options.max ?? 10 });
    // An idle client losing its connection (the database restarted) must not crash the process.
    this.pool.on('error', () => {});
  }

  get closed(): boolean {
    return this.#closed;
  }

  protected get target(): Queryable {
    const current = this.#current.getStore();
    return current?.open ? current.tx.client : this.pool;
  }

  async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const current = this.#current.getStore();
    if (current?.open) return current.tx.transaction(fn);
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      const state = { open: true, tx: new PostgresTransaction(client, () => this.#closed, 0, this) };
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const result = await this.#current.run(state, () => fn(state.tx));
        state.open = false;
        await client.query('COMMIT');
        return result;
      } catch (error) {
        state.open = false;
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        const code = (error as { code?: string }).code;
        if (code && retryable.has(code) && attempt < maxAttempts) {
          // Back off a little, randomly, so the transactions that collided do not collide again.
          await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
          continue;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  /** Runs `fn` on a connection of its own, outside the pool (session locks held while the pool does the work). */
  async withSession<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.#url, types });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.pool.end();
  }
}

/** One client inside BEGIN … COMMIT; nested transactions are savepoints. */
class PostgresTransaction extends PostgresQueries {
  constructor(
    readonly client: pg.PoolClient,
    private readonly isClosed: () => boolean,
    private readonly depth: number,
    readonly root: Db,
  ) {
    super();
  }

  get closed(): boolean {
    return this.isClosed();
  }

  protected get target(): Queryable {
    return this.client;
  }

  async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const name = `kuulo_${this.depth + 1}`;
    await this.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn(new PostgresTransaction(this.client, this.isClosed, this.depth + 1, this.root));
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    throw new Error('close the database, not a transaction');
  }
}
