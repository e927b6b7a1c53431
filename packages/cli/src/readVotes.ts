import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createPolisVotesCsvColumnReader, parsePolisVotesJson, type PolisVoteColumns, type PolisVotesCsvColumnReader, type Vote } from '@kuulo/core';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { forEachFileChunk } from './fileChunks.js';
import { concatColumns } from './concatColumns.js';
import { readVotesCsvPartsInParallel } from './parallelVotesCsv.js';
import { createProgress } from './progress.js';

/**
 * Votes as loaded: JSON exports give Vote objects, votes.csv gives typed columns (fast, compact), as
 * the parts the threads parsed (`parts`) and joined on first use of `columns`.
 */
export type LoadedVotes = { format: 'json'; votes: Vote[] } | CsvVotes;

/** A votes.csv's columns: `parts` in file order; `columns` joins them once, when first read (and can be replaced). */
export interface CsvVotes {
  format: 'csv';
  parts: PolisVoteColumns[];
  columns: PolisVoteColumns;
  /** Votes in all parts. */
  length: number;
}

/** Columns from one or more parts, joined only when `columns` is first read. */
export function csvVotes(parts: PolisVoteColumns[]): CsvVotes {
  let joined: PolisVoteColumns | null = parts.length === 1 ? parts[0]! : null;
  let current = parts;
  return {
    format: 'csv',
    get parts() {
      return current;
    },
    get columns() {
      return (joined ??= current.slice(1).reduce(concatColumns, current[0]!));
    },
    set columns(columns: PolisVoteColumns) {
      joined = columns;
      current = [columns];
    },
    get length() {
      return current.reduce((n, p) => n + p.length, 0);
    },
  };
}

export interface ReadVotesOptions {
  sign: 'export' | 'internal';
  /** Show progress on stderr. */
  progress: boolean;
  /** Parse a votes.csv this big or bigger on two threads (default `parallelCsvBytes`, 64 MB). */
  parallelBytes?: number;
  /** Called when this thread has parsed its part of a two-thread read and waits for the other's: other reading can go there. */
  whileWaiting?: () => void;
}

/** Files at least this big count as long inputs and get progress messages. */
export const longInputBytes = 8e6;

/**
 * Reads a Polis votes file: `.json` is an API export (votes.json), `.csv` an open-data export
 * (votes.csv), anything else is decided by its first character ('[' means JSON). CSV is streamed.
 */
export async function readVotes(path: string, io: CliIo, options: ReadVotesOptions): Promise<LoadedVotes> {
  const size = (await statFile(path)).size;
  const format = await votesFormat(path);
  if (format === 'json') return { format, votes: parsePolisVotesJson(await readText(path), { source: path, sign: options.sign }) };
  const progress = createProgress(io, `reading ${path}`, size, { enabled: options.progress, unit: 'bytes' });
  let reader: PolisVotesCsvColumnReader;
  try {
    // Anything the two-thread parse cannot do (null, or a failure to start), the one-thread parse does or explains.
    const parts = await readVotesCsvPartsInParallel(path, size, { sign: options.sign, onProgress: (read) => progress.update(read), minBytes: options.parallelBytes, whileWaiting: options.whileWaiting }).catch(() => null);
    if (parts !== null) return csvVotes(parts);
    reader = createPolisVotesCsvColumnReader({ source: path, sign: options.sign, capacity: Math.ceil(size / 20) });
    let read = 0;
    await forEachFileChunk(path, (chunk) => {
      reader.push(chunk);
      read += chunk.length;
      progress.update(read);
    });
  } finally {
    progress.stop();
  }
  return csvVotes([reader.end()]);
}

async function votesFormat(path: string): Promise<'json' | 'csv'> {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  const head = await new Promise<string>((resolve, reject) => {
    let text = '';
    createReadStream(path, { start: 0, end: 4095, encoding: 'utf8' })
      .on('data', (c) => (text += c))
      .on('end', () => resolve(text))
      .on('error', reject);
  });
  return head.trimStart().startsWith('[') ? 'json' : 'csv';
}

/** The file's text, with a plain message when it cannot be read. */
export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw fileError(path, error);
  }
}

/** stat() with a plain message when the file is missing. */
export async function statFile(path: string): Promise<{ size: number }> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new CliError(`${path} is not a file`);
    return s;
  } catch (error) {
    throw error instanceof CliError ? error : fileError(path, error);
  }
}

function fileError(path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  return new CliError(code === 'ENOENT' ? `${path}: no such file` : `cannot read ${path}: ${(error as Error).message}`);
}
