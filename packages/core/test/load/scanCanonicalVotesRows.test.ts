import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanCanonicalVotesRows } from '../../src/load/scanCanonicalVotesRows.js';
import { PARTICIPANT, SKIP, STATEMENT, TIME, VOTE, VotesCsvScanner } from '../../src/load/votesCsvScanner.js';

const encoder = new TextEncoder();
const header = ['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote'];
const roles = Uint8Array.of(TIME, SKIP, STATEMENT, PARTICIPANT, VOTE);

/** A scanner for data rows from line 2, with a tiny capacity so the arrays grow mid-scan. */
function makeScanner(fast: boolean, negate = false): VotesCsvScanner {
  const scanner = new VotesCsvScanner(roles, header, 'votes.csv', negate, 2, 2);
  scanner.canonical = fast;
  return scanner;
}

/** `text` as bytes at `offset` inside a larger buffer whose other bytes are `fill`, so word reads see foreign bytes. */
function placed(text: string, offset: number, fill = 44): Uint8Array {
  const bytes = encoder.encode(text);
  const room = new Uint8Array(offset + bytes.length + 7).fill(fill);
  room.set(bytes, offset);
  return room.subarray(offset, offset + bytes.length);
}

/** Scans the whole of `bytes` as the file's last piece: the columns and next line, or the error message. */
function scanAll(bytes: Uint8Array, fast: boolean, negate = false) {
  const scanner = makeScanner(fast, negate);
  try {
    const stop = scanner.scan(bytes, 0, true);
    const n = scanner.length;
    return {
      stop,
      line: scanner.line,
      participant: [...scanner.participant.subarray(0, n)],
      statement: [...scanner.statement.subarray(0, n)],
      vote: [...scanner.vote.subarray(0, n)],
      time: [...scanner.time.subarray(0, n)],
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const plainRow = '1700000006714,Tue Nov 14 22:13:26 UTC 2023,105,7,-1\n';

describe('scanCanonicalVotesRows(scanner, buf, from, last)', () => {
  it('parses plain rows and stops at the start of the first row it cannot take', () => {
    const text = `${plainRow}1700000011714,Tue Nov 14 22:13:31 UTC 2023,1,0,1\r\n1700000016714,"quoted",2,0,0\n`;
    const bytes = encoder.encode(text);
    const scanner = makeScanner(true);
    const stop = scanCanonicalVotesRows(scanner, bytes, 0, bytes.lastIndexOf(10));
    expect(stop).toBe(text.indexOf('1700000016714'));
    expect(scanner.length).toBe(2);
    expect(scanner.line).toBe(4);
    expect([...scanner.participant.subarray(0, 2)]).toEqual([7, 0]);
    expect([...scanner.statement.subarray(0, 2)]).toEqual([105, 1]);
    expect([...scanner.vote.subarray(0, 2)]).toEqual([-1, 1]);
    expect([...scanner.time.subarray(0, 2)]).toEqual([1700000006714, 1700000011714]);
  });

  it('negates votes for the internal sign', () => {
    const bytes = encoder.encode(plainRow);
    const scanner = makeScanner(true, true);
    scanCanonicalVotesRows(scanner, bytes, 0, bytes.length - 1);
    expect(scanner.vote[0]).toBe(1);
  });

  it.each([
    ['a 16-digit timestamp (may round differently than a 15-digit one)', '1234567890123456,d,1,2,1\n'],
    ['a fractional timestamp', '1403054214196.0,d,1,2,1\n'],
    ['a 10-digit id, even one that fits in 32 bits', '17,d,0000000012,2,1\n'],
    ['an empty id', '17,d,,2,1\n'],
    ['a vote of 2', '17,d,1,2,2\n'],
    ['a sixth field', '17,d,1,2,1,x\n'],
    ['a blank line', '\n17,d,1,2,1\n'],
    ['a quoted datetime', '17,"d, e",1,2,1\n'],
    ['a line end inside the datetime', '17,d\ne,1,2,1\n'],
  ])('leaves %s to the general path', (_, text) => {
    const bytes = encoder.encode(text);
    const scanner = makeScanner(true);
    expect(scanCanonicalVotesRows(scanner, bytes, 0, bytes.lastIndexOf(10))).toBe(0);
    expect(scanner.length).toBe(0);
  });

  it('stops at the row after a width-alike row when that row hides a non-digit in its timestamp or a stop byte in its datetime', () => {
    // The second row has the first row's field widths, so it is tried at them; each bad byte must still send it to the general path.
    const date = 'Tue Nov 14 22:13:26 UTC 2023';
    for (const time of ['1700000006714', '17000000067', '1234', '123456789012345']) {
      const good = `${time},${date},3,4,1\n`;
      for (let at = 0; at < time.length; at++) {
        for (const bad of ['/', ':', ' ', 'a', '-']) {
          for (let offset = 0; offset < 4; offset++) {
            const row = `${time.slice(0, at)}${bad}${time.slice(at + 1)},${date},5,6,0\n`;
            const bytes = placed(good + row + good, offset);
            const scanner = makeScanner(true);
            expect(scanCanonicalVotesRows(scanner, bytes, 0, bytes.length - 1)).toBe(good.length);
            expect(scanAll(bytes, true)).toEqual(scanAll(bytes, false));
          }
        }
      }
    }
    for (const width of [4, 5, 7, 28, 29, 31]) {
      const day = date.padEnd(width, 'x').slice(0, width);
      const good = `1700000006714,${day},3,4,1\n`;
      for (let at = 0; at < width; at++) {
        for (const stop of [',', '\r', '\n']) {
          for (let offset = 0; offset < 4; offset++) {
            const row = `1700000011714,${day.slice(0, at)}${stop}${day.slice(at + 1)},5,6,0\n`;
            const bytes = placed(good + row + good, offset);
            const scanner = makeScanner(true);
            expect(scanCanonicalVotesRows(scanner, bytes, 0, bytes.length - 1)).toBe(good.length);
            expect(scanAll(bytes, true)).toEqual(scanAll(bytes, false));
          }
        }
      }
    }
  });

  it('parses rows whose widths change from row to row, tabs and bytes above 127 in the datetime included', () => {
    const rows = ['1700000006714,Tue Nov 14 22:13:26 UTC 2023,1,2,1\n', '17,Tue Nov 14 22:13:26 UTC 2023,3,4,0\n', '1700000006714,päivä\tklo 12,5,6,-1\n'];
    const text = [0, 1, 2, 2, 0, 0, 1, 1, 0, 2, 0].map((k) => rows[k]).join('');
    for (let offset = 0; offset < 4; offset++) {
      const bytes = placed(text, offset);
      const fast = scanAll(bytes, true);
      expect(fast).toEqual(scanAll(bytes, false));
      expect(fast).toMatchObject({ stop: bytes.length, line: 13 });
    }
  });

  it('reads votes 1, 0 and -1 and leaves other spellings to the general path', () => {
    for (const [vote, value] of [['1', 1], ['0', 0], ['-1', -1]] as const) {
      const bytes = encoder.encode(`${plainRow}17,d,1,2,${vote}\r\n`);
      const scanner = makeScanner(true);
      expect(scanCanonicalVotesRows(scanner, bytes, 0, bytes.length - 1)).toBe(bytes.length);
      expect(scanner.vote[1]).toBe(value);
    }
    for (const vote of ['-0', '-', '--1', '/', '1-', '-11', '01', '']) {
      const bytes = encoder.encode(`${plainRow}17,d,1,2,${vote}\n${plainRow}`);
      const scanner = makeScanner(true);
      expect(scanCanonicalVotesRows(scanner, bytes, 0, bytes.length - 1)).toBe(plainRow.length);
    }
  });

  it('grows the arrays only for a plain row that needs the room', () => {
    const bytes = encoder.encode(`${plainRow}${plainRow}\n`);
    const scanner = makeScanner(true);
    expect(scanCanonicalVotesRows(scanner, bytes, 0, bytes.length - 1)).toBe(2 * plainRow.length);
    expect(scanner.participant.length).toBe(2);
    const more = encoder.encode(plainRow.repeat(3));
    expect(scanCanonicalVotesRows(scanner, more, 0, more.length - 1)).toBe(more.length);
    expect(scanner.length).toBe(5);
    expect(scanner.line).toBe(7);
  });

  it('reads 15-digit timestamps exactly, with odd and even digit counts', () => {
    for (const t of ['7', '42', '999999999999999', '100000000000000', '1700000006714', '17000000067145']) {
      const bytes = encoder.encode(`${t},d,1,2,0\n`);
      const scanner = makeScanner(true);
      expect(scanCanonicalVotesRows(scanner, bytes, 0, bytes.length - 1)).toBe(bytes.length);
      expect(scanner.time[0]).toBe(Number(t));
    }
  });

  it('finds the end of a datetime at every alignment, also past tabs, quotes and UTF-8 inside it', () => {
    const dates = ['x', 'Tue Nov 14 22:13:26 UTC 2023', 'päivä\t"klo" 12:00 — 🗳', 'a'.repeat(37)];
    for (const date of dates) {
      for (let offset = 0; offset < 4; offset++) {
        for (let pad = 0; pad < 4; pad++) {
          const bytes = placed(`${'1'.repeat(1 + pad)},${date},3,4,1\n`, offset);
          const scanner = makeScanner(true);
          expect(scanCanonicalVotesRows(scanner, bytes, 0, bytes.length - 1)).toBe(bytes.length);
          expect([scanner.statement[0], scanner.participant[0], scanner.vote[0]]).toEqual([3, 4, 1]);
        }
      }
    }
  });

  describe('gives what the general path gives (columns, line numbers, errors)', () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    const odd = (...texts: string[]) => fc.constantFrom(...texts);
    const time = fc.oneof({ weight: 12, arbitrary: digits(1, 15) }, digits(16, 20), odd('', '-5', ' 12', '1e3', '17.5', '"123"', '2023-08-11T06:33:28.174Z'));
    const dateText = fc.stringMatching(/^[ -~\t\u00e4\u20ac]{0,40}$/).filter((d) => !/[,"]/.test(d));
    // A line end or comma deep inside a datetime is what the word-at-a-time skip must not miss.
    const hidden = fc.tuple(dateText, fc.constantFrom('\r', '\n', ','), dateText).map(([a, c, b]) => `${a}${c}${b}`);
    const date = fc.oneof({ weight: 12, arbitrary: dateText }, hidden, odd('"quoted, with comma"', '"two\nlines"', 'mid"quote', '"unterminated'));
    const id = fc.oneof({ weight: 12, arbitrary: digits(1, 9) }, digits(10, 11), odd('', '-3', 'abc', '2147483647', '2147483648', '"5"', '+4'));
    const vote = fc.oneof({ weight: 12, arbitrary: odd('1', '0', '-1') }, odd('2', '', '-', '+1', ' 1', '"1"', '1.0', '-0', '1,7'));
    const end = fc.oneof({ weight: 6, arbitrary: odd('\n') }, odd('\r\n', '\r', '\n\n', '\r\r\n'));
    const row = fc.tuple(time, date, id, id, vote, end).map(([t, d, s, p, v, e]) => `${t},${d},${s},${p},${v}${e}`);
    const rows = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(plainRow) }, row), { maxLength: 120, size: 'max' });

    it('on random files at random alignments, as the last piece of the file', () => {
      fc.assert(
        fc.property(rows, fc.integer({ min: 0, max: 3 }), fc.boolean(), (list, offset, negate) => {
          const bytes = placed(list.join(''), offset);
          expect(scanAll(bytes, true, negate)).toEqual(scanAll(bytes, false, negate));
        }),
        { numRuns: 400 },
      );
    });

    it('on files that end mid-row, as a piece with more to come', () => {
      fc.assert(
        fc.property(rows, fc.nat(), (list, cut) => {
          const text = list.join('');
          const bytes = encoder.encode(text.slice(0, cut % (text.length + 1)));
          const outcome = (fast: boolean) => {
            const scanner = makeScanner(fast);
            try {
              return { stop: scanner.scan(bytes, 0, false), n: scanner.length, line: scanner.line, afterCR: scanner.afterCR, t: [...scanner.time.subarray(0, scanner.length)] };
            } catch (error) {
              return { error: (error as Error).message };
            }
          };
          expect(outcome(true)).toEqual(outcome(false));
        }),
        { numRuns: 300 },
      );
    });

    it('on a long file with an odd row every few hundred bytes (the fast path resumes)', () => {
      const text = Array.from({ length: 400 }, (_, i) => (i % 7 === 3 ? `${i},"q",${i},${i},1\n` : `${i},Tue Nov 14 22:13:26 UTC 2023,${i},${i + 1},0\n`)).join('');
      const bytes = encoder.encode(text);
      const fast = scanAll(bytes, true);
      expect(fast).toEqual(scanAll(bytes, false));
      expect(fast).toMatchObject({ stop: bytes.length, line: 402 });
    });
  });
});
