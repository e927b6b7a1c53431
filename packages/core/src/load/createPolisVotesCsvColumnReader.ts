import { expected, toIntegerId, toTime, toVoteValue } from './coerceValue.js';
import { csvColumn } from './csvColumn.js';
import { parseCsv } from './parseCsv.js';
import { PolisDataError } from './polisDataError.js';
import type { PolisVoteColumns, PolisVotesLoadOptions } from './polisTypes.js';
import { signOption } from './signOption.js';

export interface PolisVotesCsvColumnReaderOptions extends PolisVotesLoadOptions {
  /**
   * Receives the votes parsed from each `push` (and the last ones from `end`) as fresh arrays, so a
   * huge file never sits in memory whole. When set, `end()` returns empty columns. Default: none.
   */
  onColumns?: (batch: PolisVoteColumns) => void;
}

export interface PolisVotesCsvColumnReader {
  /** Feed the next piece of the file; pieces may split rows, fields or UTF-8 characters anywhere. */
  push(chunk: Uint8Array | string): void;
  /** Finish: checks the last row and returns every vote not already handed to `onColumns`. */
  end(): PolisVoteColumns;
  /** Data rows parsed so far. */
  readonly rowCount: number;
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const MINUS = 45;
const ZERO = 48;
const ONE = 49;
const NINE = 57;
const INT32_MAX = 2147483647;
// Column roles.
const SKIP = 0;
const TIME = 1;
const STATEMENT = 2;
const PARTICIPANT = 3;
const VOTE = 4;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Streaming reader of a Polis `votes.csv` (`timestamp,datetime,comment-id,voter-id,vote`; columns
 * found by header name, `timestamp` and `datetime` optional) into typed arrays. Byte-level: numbers
 * are parsed straight from the bytes and only unusual fields (quoted, malformed) become strings.
 * A row is parsed only once it is complete, so the result never depends on where chunks split.
 */
export function createPolisVotesCsvColumnReader(options: PolisVotesCsvColumnReaderOptions = {}): PolisVotesCsvColumnReader {
  const source = options.source ?? 'votes.csv';
  const negate = signOption(options.sign, source);
  const onColumns = options.onColumns;
  let header: string[] = [];
  let roles = new Uint8Array(0);
  let nCols = 0;
  let headerDone = false;
  let pending: Uint8Array | null = null;
  let line = 1;
  let afterCR = false;
  let ended = false;
  let total = 0;
  let cap = 1 << 16;
  let n = 0;
  let P = new Int32Array(cap);
  let S = new Int32Array(cap);
  let V = new Int8Array(cap);
  let T = new Float64Array(cap);

  const grow = () => {
    cap *= 2;
    const p = new Int32Array(cap), s = new Int32Array(cap), v = new Int8Array(cap), t = new Float64Array(cap);
    p.set(P), s.set(S), v.set(V), t.set(T);
    (P = p), (S = s), (V = v), (T = t);
  };

  const fail = (problem: string, at: number, col?: number, value?: string): never => {
    const field = col === undefined ? undefined : header[col];
    throw new PolisDataError(problem, {
      source,
      line: at,
      ...(field === undefined ? {} : { field }),
      ...(value === undefined ? {} : { value }),
    });
  };

  // Returns the header's end (index after its line break) or −1 when it is not complete yet.
  const readHeader = (buf: Uint8Array, final: boolean): number => {
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
    if (stop === buf.length && !final) return -1;
    const text = decoder.decode(buf.subarray(0, stop));
    if (text.trim() === '') fail('empty file, expected a header line', 1);
    header = parseCsv(text, source).header;
    nCols = header.length;
    roles = new Uint8Array(nCols);
    const assign = (names: string[], role: number, required: boolean) => {
      const index = csvColumn(header, names, source, required);
      if (index !== -1) roles[index] = role;
    };
    assign(['comment-id', 'tid', 'statement_id'], STATEMENT, true);
    assign(['voter-id', 'pid', 'participant_id'], PARTICIPANT, true);
    assign(['vote'], VOTE, true);
    assign(['timestamp', 'modified'], TIME, false);
    for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) line++;
    headerDone = true;
    let i = stop;
    if (i < buf.length) {
      line++;
      if (buf[i++] === CR) {
        if (i < buf.length) {
          if (buf[i] === LF) i++;
        } else afterCR = true;
      }
    }
    return i;
  };

  // Text of the field at [from, …) up to its delimiter, or null when the buffer ends first.
  const fieldText = (buf: Uint8Array, from: number, final: boolean): { text: string; end: number } | null => {
    let i = from;
    if (buf[i] === QUOTE) {
      for (i++; i < buf.length; i++) {
        if (buf[i] === QUOTE) {
          if (buf[i + 1] === QUOTE) i++;
          else if (i + 1 === buf.length && !final) return null;
          else return { text: decoder.decode(buf.subarray(from + 1, i)).replaceAll('""', '"'), end: i + 1 };
        }
      }
      return final ? { text: '', end: -1 } : null;
    }
    while (i < buf.length && buf[i] !== COMMA && buf[i] !== LF && buf[i] !== CR) i++;
    if (i === buf.length && !final) return null;
    return { text: decoder.decode(buf.subarray(from, i)), end: i };
  };

  // Fields in the row starting at `from`, counted up to its line break or the buffer end.
  const countFields = (buf: Uint8Array, from: number): { count: number; complete: boolean } => {
    let count = 1;
    let quoted = false;
    for (let i = from; i < buf.length; i++) {
      const b = buf[i];
      if (b === QUOTE) quoted = !quoted;
      else if (!quoted && b === COMMA) count++;
      else if (!quoted && (b === LF || b === CR)) return { count, complete: true };
    }
    return { count, complete: false };
  };

  // Parse every complete row of buf from `start`; returns where the first incomplete row begins.
  const scan = (buf: Uint8Array, start: number, final: boolean): number => {
    const end = buf.length;
    let pos = start;
    rows: while (pos < end) {
      let b = buf[pos] as number;
      if (afterCR) {
        afterCR = false;
        if (b === LF) {
          pos++;
          continue;
        }
      }
      if (b === LF || b === CR) {
        // Blank line.
        line++;
        pos++;
        afterCR = b === CR;
        continue;
      }
      if (n === cap) grow();
      let i = pos;
      let col = 0;
      let extra = 0;
      let p = 0;
      let s = 0;
      let v = 0;
      let t = NaN;
      for (;;) {
        const role = roles[col] as number;
        if (i === end) {
          if (!final) return pos;
          // The file ends right after a comma: an empty last field.
          fail(`expected ${nCols} fields as in the header, got ${col + 1} with the last one empty (file truncated?)`, line);
        }
        b = buf[i] as number;
        if (b === QUOTE || role === SKIP) {
          if (b === QUOTE) {
            const f = fieldText(buf, i, final);
            if (f === null) return pos;
            if (f.end === -1) fail('unterminated quoted field (file truncated?)', line, col);
            for (let k = i; k < f.end; k++) if (buf[k] === LF) extra++;
            i = f.end;
            if (i < end && buf[i] !== COMMA && buf[i] !== LF && buf[i] !== CR) {
              fail('unexpected character after a closing quote', line + extra, col, String.fromCharCode(buf[i] as number));
            }
            if (role === VOTE) v = toVoteValue(f.text) ?? fail(expected.vote, line, col, f.text);
            else if (role === TIME) t = toTime(f.text) ?? fail(expected.time, line, col, f.text);
            else if (role !== SKIP) {
              const id = toIntegerId(f.text);
              if (id === undefined || id < -INT32_MAX || id > INT32_MAX) fail(`${expected.id} that fits in 32 bits`, line, col, f.text);
              if (role === STATEMENT) s = id as number;
              else p = id as number;
            }
          } else {
            while (i < end && (b = buf[i] as number) !== COMMA && b !== LF && b !== CR) i++;
          }
        } else {
          const fieldStart = i;
          let ok = true;
          if (role === VOTE) {
            if (b === ONE) (v = 1), i++;
            else if (b === ZERO) (v = 0), i++;
            else if (b === MINUS && buf[i + 1] === ONE) (v = -1), (i += 2);
            else ok = false;
          } else {
            let x = 0;
            while (i < end && (b = buf[i] as number) >= ZERO && b <= NINE) {
              x = x * 10 + (b - ZERO);
              i++;
            }
            if (i === fieldStart || (role !== TIME && x > INT32_MAX)) ok = false;
            else if (role === TIME) t = x;
            else if (role === STATEMENT) s = x;
            else p = x;
          }
          if (ok && i < end) {
            b = buf[i] as number;
            ok = b === COMMA || b === LF || b === CR;
          }
          if (!ok) {
            // Unusual spelling (spaces, "1.0e12", "-0", …) or garbage: decide on the whole field's text.
            const f = fieldText(buf, fieldStart, final);
            if (f === null) return pos;
            i = f.end;
            if (role === VOTE) v = toVoteValue(f.text) ?? fail(expected.vote, line, col, f.text);
            else if (role === TIME) t = toTime(f.text) ?? fail(expected.time, line, col, f.text);
            else {
              const id = toIntegerId(f.text);
              if (id === undefined || id < -INT32_MAX || id > INT32_MAX) fail(`${expected.id} that fits in 32 bits`, line, col, f.text);
              if (role === STATEMENT) s = id as number;
              else p = id as number;
            }
          }
        }
        if (i === end && !final) return pos;
        b = i === end ? LF : (buf[i] as number);
        if (b === COMMA) {
          if (++col === nCols) {
            const fields = countFields(buf, pos);
            if (!fields.complete && !final) return pos;
            fail(`expected ${nCols} fields as in the header, got ${fields.count}`, line);
          }
          i++;
          continue;
        }
        if (col !== nCols - 1) {
          fail(`expected ${nCols} fields as in the header, got ${col + 1}${i === end ? ' (file truncated?)' : ''}`, line);
        }
        P[n] = p;
        S[n] = s;
        V[n] = negate ? -v : v;
        T[n] = t;
        n++;
        if (i < end) {
          i++;
          if (b === CR) {
            if (i < end) {
              if (buf[i] === LF) i++;
            } else afterCR = true;
          }
        }
        line += 1 + extra;
        pos = i;
        continue rows;
      }
    }
    return pos;
  };

  const take = (): PolisVoteColumns => {
    const batch = { length: n, participant: P.slice(0, n), statement: S.slice(0, n), vote: V.slice(0, n), time: T.slice(0, n) };
    total += n;
    n = 0;
    return batch;
  };

  const feed = (chunk: Uint8Array, final: boolean) => {
    let buf = chunk;
    if (pending !== null) {
      buf = new Uint8Array(pending.length + chunk.length);
      buf.set(pending);
      buf.set(chunk, pending.length);
    }
    let start = 0;
    if (!headerDone) {
      start = readHeader(buf, final);
      if (start === -1) {
        pending = buf === chunk ? chunk.slice() : buf;
        return;
      }
    }
    const stop = scan(buf, start, final);
    pending = stop < buf.length ? buf.slice(stop) : null;
  };

  return {
    push(chunk) {
      if (ended) throw new Error(`${source}: push() after end()`);
      feed(typeof chunk === 'string' ? encoder.encode(chunk) : chunk, false);
      if (onColumns !== undefined && n > 0) onColumns(take());
    },
    end() {
      if (ended) throw new Error(`${source}: end() called twice`);
      ended = true;
      feed(new Uint8Array(0), true);
      if (onColumns === undefined) return take();
      if (n > 0) onColumns(take());
      return take();
    },
    get rowCount() {
      return total + n;
    },
  };
}
