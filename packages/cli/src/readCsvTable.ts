import { parseCsv, PolisDataError } from '@kuulo/core';
import { CliError } from './cliError.js';
import { readText } from './readVotes.js';

/** One data row of a small CSV file, with the 1-based line it starts on. */
export interface CsvTableRow {
  line: number;
  fields: string[];
}

/** A small CSV file: its header (trimmed names) and data rows. */
export interface CsvTable {
  path: string;
  header: string[];
  rows: CsvTableRow[];
}

/**
 * Reads a small RFC 4180 CSV file (quoted fields may hold commas, doubled quotes and line breaks;
 * LF or CRLF; a UTF-8 BOM is skipped; blank lines are skipped). Every row must have as many fields
 * as the header. Errors are CliErrors naming the file and line. For the researcher's own files
 * (participant answers, population margins); votes.csv has core's byte-level reader.
 */
export async function readCsvTable(path: string): Promise<CsvTable> {
  return parseCsvTable(await readText(path), path);
}

/** `readCsvTable` on text already read; `path` names the file in errors. */
export function parseCsvTable(text: string, path: string): CsvTable {
  try {
    const { header, rows } = parseCsv(text, path);
    return { path, header: header.map((name) => name.trim()), rows };
  } catch (error) {
    // Core's message already names the file, line and problem.
    if (error instanceof PolisDataError) throw new CliError(error.message);
    throw error;
  }
}
