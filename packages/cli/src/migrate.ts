import type { CliIo } from './cliIo.js';
import { createProgress, type Progress } from './progress.js';

export interface MigrateCommandOptions {
  /** The SQLite database file. */
  from: string;
  /** The PostgreSQL URL. */
  to: string;
  /** Most rows per read and per INSERT. */
  batchRows?: number;
  /** No progress on stderr. */
  quiet?: boolean;
}

/** Tables smaller than this copy too fast to be worth a progress bar. */
const progressFrom = 100_000;

/** `kuulo migrate --from <sqlite> --to <postgres url>`: copies a Kuulo server's database into PostgreSQL. */
export async function migrate(options: MigrateCommandOptions, io: CliIo): Promise<void> {
  const started = performance.now();
  // Loaded here, not at the top: only this command needs the server (Fastify, SQLite, pg).
  const { migrateToPostgres } = await import('@kuulo/server');
  let progress: Progress | undefined;
  let table = '';
  const result = await migrateToPostgres({
    from: options.from,
    to: options.to,
    ...(options.batchRows !== undefined && { batchRows: options.batchRows }),
    onProgress: (p) => {
      if (p.table !== table) {
        progress?.stop();
        table = p.table;
        progress = createProgress(io, `copying ${p.table}`, p.total, { enabled: !options.quiet && p.total >= progressFrom });
      }
      progress!.update(p.rows);
    },
  }).finally(() => progress?.stop());
  const nameWidth = Math.max(...result.tables.map((t) => t.table.length));
  const countWidth = Math.max(...result.tables.map((t) => String(t.rows).length));
  for (const t of result.tables) io.stdout.write(`${t.table.padEnd(nameWidth)}  ${String(t.rows).padStart(countWidth)} ${t.rows === 1 ? 'row' : 'rows'}\n`);
  const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
  io.stdout.write(`copied ${rows} rows in ${result.tables.length} tables, counts verified, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
