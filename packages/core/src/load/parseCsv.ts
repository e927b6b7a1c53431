import { PolisDataError } from './polisDataError.js';

/** One record of a CSV file and the line it starts on. */
export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  fields: string[];
}

/** A small CSV file: its header and its records, each as long as the header. */
export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/**
 * RFC 4180 CSV (quoted fields may hold commas, quotes as `""` and newlines; LF or CRLF line ends).
 * Blank lines are skipped; every other row must have as many fields as the header. For the small
 * Polis files; votes.csv has its own byte-level reader.
 */
export function parseCsv(text: string, source: string): CsvTable {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const records: CsvRow[] = [];
  while (i < n) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let value: string;
      if (text[i] === '"') {
        let parts = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) throw new PolisDataError('unterminated quoted field (file truncated?)', { source, line: start });
          parts += text.slice(from, q);
          if (text[q + 1] === '"') {
            parts += '"';
            from = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        for (let k = parts.indexOf('\n'); k !== -1; k = parts.indexOf('\n', k + 1)) line++;
        value = parts;
        const after = text[i];
        if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
          throw new PolisDataError('unexpected character after a closing quote', { source, line, value: after });
        }
      } else {
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 44 || d === 10 || d === 13) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    records.push({ line: start, fields });
  }
  const [head, ...rows] = records;
  if (head === undefined) throw new PolisDataError('empty file, expected a header line', { source, line: 1 });
  const header = head.fields.map((name) => name.trim());
  const endsWithNewline = /[\r\n]$/.test(text);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as CsvRow;
    if (row.fields.length !== header.length) {
      const last = r === rows.length - 1 && !endsWithNewline;
      const problem = `expected ${header.length} fields as in the header, got ${row.fields.length}${last ? ' (file truncated?)' : ''}`;
      throw new PolisDataError(problem, { source, line: row.line });
    }
  }
  return { header, rows };
}
