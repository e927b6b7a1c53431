import { csvColumn } from './csvColumn.js';
import { parseCsv } from './parseCsv.js';
import { PolisDataError } from './polisDataError.js';
import type { PolisVoteColumns, PolisVotesLoadOptions } from './polisTypes.js';
import { signOption } from './signOption.js';
import { PARTICIPANT, STATEMENT, TIME, VOTE, VotesCsvScanner } from './votesCsvScanner.js';

export interface PolisVotesCsvColumnReaderOptions extends PolisVotesLoadOptions {
  /**
   * Receives the votes parsed from each `push` (and the last ones from `end`) as fresh arrays, so a
   * huge file never sits in memory whole. When set, `end()` returns empty columns. Default: none.
   */
  onColumns?: (batch: PolisVoteColumns) => void;
  /** Rows to reserve up front, e.g. file bytes / 25 for a big file; beyond it the arrays grow fourfold. Default 65536. */
  capacity?: number;
  /** Columns in SharedArrayBuffers, for a conversation's helper thread to work on in place (`MathHelper`). Default false. */
  shared?: boolean;
}

/** A push-style `votes.csv` reader into typed columns, made by `createPolisVotesCsvColumnReader`. */
export interface PolisVotesCsvColumnReader {
  /** Feed the next piece of the file; pieces may split rows, fields or UTF-8 characters anywhere. */
  push(chunk: Uint8Array | string): void;
  /** Finish: checks the last row and returns every vote not already handed to `onColumns`. */
  end(): PolisVoteColumns;
  /** Data rows parsed so far. */
  readonly rowCount: number;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const WINDOW = 1 << 30;

/** `a` followed by `b`, in a new array. */
function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** `bytes` as a plain Uint8Array view: a subclass such as Node's Buffer would make the scanner's byte reads polymorphic. */
function plainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Index just after the first line end (LF, CR or CRLF) of `bytes`, or −1 when it has none. */
function firstLineEnd(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LF) return i + 1;
    if (b === CR) return bytes[i + 1] === LF ? i + 2 : i + 1;
  }
  return -1;
}

/**
 * Streaming reader of a Polis `votes.csv` (`timestamp,datetime,comment-id,voter-id,vote`, columns
 * found by header name; `timestamp` and `datetime` optional) into typed arrays, in file order with
 * repeated votes kept. Numbers are parsed straight from the bytes. A row is parsed only once it is
 * complete, so the result and any error never depend on where the chunks split.
 */
export function createPolisVotesCsvColumnReader(options: PolisVotesCsvColumnReaderOptions = {}): PolisVotesCsvColumnReader {
  const source = options.source ?? 'votes.csv';
  const negate = signOption(options.sign, source);
  const onColumns = options.onColumns;
  const capacity = options.capacity ?? 1 << 16;
  if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`${source}: option capacity must be a non-negative integer, got ${capacity}`);
  let scanner: VotesCsvScanner | null = null;
  let pending: Uint8Array | null = null;
  let ended = false;
  let taken = 0;

  // The scanner for the header line and where the data starts, or null when the header is incomplete.
  const readHeader = (buf: Uint8Array, final: boolean): { scanner: VotesCsvScanner; start: number } | null => {
    let quoted = false;
    let stop = buf.length;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (b === QUOTE) quoted = !quoted;
      else if (!quoted && (b === LF || b === CR)) {
        stop = i;
        break;
      }
    }
    if (stop === buf.length && !final) return null;
    const text = decoder.decode(buf.subarray(0, stop));
    if (text.trim() === '') throw new PolisDataError('empty file, expected a header line', { source, line: 1 });
    const header = parseCsv(text, source).header;
    const roles = new Uint8Array(header.length);
    const assign = (names: string[], role: number, required: boolean) => {
      const index = csvColumn(header, names, source, required);
      if (index !== -1) roles[index] = role;
    };
    assign(['comment-id', 'tid', 'statement_id'], STATEMENT, true);
    assign(['voter-id', 'pid', 'participant_id'], PARTICIPANT, true);
    assign(['vote'], VOTE, true);
    assign(['timestamp', 'modified'], TIME, false);
    let line = 1;
    for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) line++;
    const created = new VotesCsvScanner(roles, header, source, negate, line + 1, onColumns === undefined ? capacity : Math.min(capacity, 1 << 16), options.shared === true);
    let i = stop;
    if (i < buf.length && buf[i++] === CR) {
      if (i === buf.length) created.afterCR = true;
      else if (buf[i] === LF) i++;
    }
    return { scanner: created, start: i };
  };

  // Parses `buf` from `start` and keeps a copy of the incomplete last row: a Buffer's slice() would be a view into memory the caller may reuse.
  const scanAndKeep = (created: VotesCsvScanner, buf: Uint8Array, start: number, final: boolean) => {
    const stop = created.scan(buf, start, final);
    pending = stop < buf.length ? new Uint8Array(buf.subarray(stop)) : null;
  };

  const feed = (chunk: Uint8Array, final: boolean) => {
    if (scanner === null) {
      const buf = pending === null ? chunk : join(pending, chunk);
      const head = readHeader(buf, final);
      if (head === null) {
        pending = buf === chunk ? new Uint8Array(chunk) : buf;
        return;
      }
      scanner = head.scanner;
      scanAndKeep(scanner, buf, head.start, final);
      return;
    }
    let start = 0;
    if (pending !== null) {
      // Complete the carried row with the chunk's first line, so the chunk itself is never copied.
      const end = firstLineEnd(chunk);
      if (end === -1) {
        const buf = join(pending, chunk);
        if (final) scanAndKeep(scanner, buf, 0, true);
        else pending = buf;
        return;
      }
      const head = join(pending, chunk.subarray(0, end));
      const stop = scanner.scan(head, 0, final && end === chunk.length);
      if (stop < head.length) {
        // The row goes on past that line end (a quoted line break): parse it with the rest of the chunk.
        scanAndKeep(scanner, join(head.subarray(stop), chunk.subarray(end)), 0, final);
        return;
      }
      start = end;
    }
    scanAndKeep(scanner, chunk, start, final);
  };

  // Streamed batches are copies (the scanner reuses its arrays); the one-piece result is a view, saving a copy.
  const take = (copy: boolean): PolisVoteColumns => {
    const n = scanner === null ? 0 : scanner.length;
    const part = <A extends Int32Array | Int8Array | Float64Array>(a: A): A => (copy ? a.slice(0, n) : a.subarray(0, n)) as A;
    const columns: PolisVoteColumns =
      scanner === null
        ? { length: 0, participant: new Int32Array(0), statement: new Int32Array(0), vote: new Int8Array(0), time: new Float64Array(0) }
        : { length: n, participant: part(scanner.participant), statement: part(scanner.statement), vote: part(scanner.vote), time: part(scanner.time) };
    if (scanner !== null) scanner.length = 0;
    taken += n;
    return columns;
  };

  return {
    push(chunk) {
      if (ended) throw new Error(`${source}: push() after end()`);
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : plainBytes(chunk);
      // Windows of at most 1 GiB keep the fast path's byte positions within 32-bit integers.
      for (let at = 0; at < bytes.length; at += WINDOW) feed(bytes.subarray(at, at + WINDOW), false);
      if (onColumns !== undefined && scanner !== null && scanner.length > 0) onColumns(take(true));
    },
    end() {
      if (ended) throw new Error(`${source}: end() called twice`);
      ended = true;
      feed(new Uint8Array(0), true);
      if (onColumns === undefined) return take(false);
      if (scanner !== null && scanner.length > 0) onColumns(take(true));
      return take(true);
    },
    get rowCount() {
      return taken + (scanner === null ? 0 : scanner.length);
    },
  };
}
