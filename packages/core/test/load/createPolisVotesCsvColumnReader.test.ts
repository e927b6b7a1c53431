import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPolisVotesCsvColumnReader, type PolisVotesCsvColumnReaderOptions } from '../../src/load/createPolisVotesCsvColumnReader.js';
import { PolisDataError } from '../../src/load/polisDataError.js';
import type { PolisVoteColumns } from '../../src/load/polisTypes.js';
import { openDataBytes, openDataNames, openDataText, thrown } from './fixtureFiles.js';

const encoder = new TextEncoder();

/** Reads `pieces` in order and returns plain arrays, so results compare with toEqual. */
function read(pieces: (Uint8Array | string)[], options: PolisVotesCsvColumnReaderOptions = {}) {
  const reader = createPolisVotesCsvColumnReader(options);
  for (const piece of pieces) reader.push(piece);
  return plain(reader.end());
}

function plain(c: PolisVoteColumns) {
  return { length: c.length, participant: [...c.participant], statement: [...c.statement], vote: [...c.vote], time: [...c.time] };
}

/** The file cut at the given (sorted, unique) offsets. */
function cut<T extends Uint8Array | string>(whole: T, offsets: number[]): T[] {
  const bounds = [0, ...offsets, whole.length];
  return bounds.slice(1).map((end, i) => whole.slice(bounds[i], end) as T);
}

// Independent reference: these files have no quoted fields, so splitting on commas is exact.
function reference(text: string) {
  const [head, ...lines] = text.split('\n').filter((l) => l !== '');
  const col = (name: string) => head!.split(',').indexOf(name);
  const rows = lines.map((l) => l.split(','));
  const pick = (name: string) => rows.map((r) => Number(r[col(name)]));
  return { length: rows.length, participant: pick('voter-id'), statement: pick('comment-id'), vote: pick('vote'), time: pick('timestamp') };
}

const seattle = openDataText('15-per-hour-seattle', 'votes.csv');
const seattleBytes = openDataBytes('15-per-hour-seattle', 'votes.csv');
const seattleLines = seattle.split('\n');

// Same votes, harder spelling: CRLF, a quoted datetime holding commas, quotes and non-ASCII text.
const tricky = seattleLines
  .map((line, i) => {
    if (i === 0 || line === '') return line;
    const [ts, date, ...rest] = line.split(',');
    return [ts, `"${date}, ""päivä"""`, ...rest].join(',');
  })
  .join('\r\n');

describe('createPolisVotesCsvColumnReader()', () => {
  it.each(openDataNames)('reads every row of %s/votes.csv (row count = lines − header)', (name) => {
    const text = openDataText(name, 'votes.csv');
    const columns = read([openDataBytes(name, 'votes.csv')]);
    expect(columns.length).toBe(text.trimEnd().split('\n').length - 1);
    expect(columns).toEqual(reference(text));
  });

  it('gives identical columns whatever the chunk boundaries (random byte chunkings)', () => {
    const whole = read([seattleBytes]);
    const offsets = fc.uniqueArray(fc.integer({ min: 1, max: seattleBytes.length - 1 }), { maxLength: 300 });
    fc.assert(
      fc.property(offsets, (cuts) => {
        expect(read(cut(seattleBytes, cuts.sort((a, b) => a - b)))).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('gives identical columns fed one byte at a time', () => {
    const head = seattleBytes.subarray(0, seattleBytes.indexOf(10, 3000) + 1);
    const bytes = Array.from({ length: head.length }, (_, i) => head.subarray(i, i + 1));
    expect(read(bytes)).toEqual(read([head]));
  });

  it('reads CRLF line ends and quoted fields with commas, quotes and UTF-8, across any chunking', () => {
    const whole = read([seattle]);
    expect(read([tricky])).toEqual(whole);
    const bytes = encoder.encode(tricky);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 300 }), (cuts) => {
        const sorted = cuts.sort((a, b) => a - b);
        expect(read(cut(bytes, sorted))).toEqual(whole);
        expect(read(cut(tricky, sorted.map((c) => Math.min(c, tricky.length - 1))))).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('reads CRLF files on the fast path across any chunking, also with CR and LF in different pieces', () => {
    const whole = read([seattle]);
    const bytes = encoder.encode(seattle.replaceAll('\n', '\r\n'));
    expect(read([bytes])).toEqual(whole);
    const afterCR = [...bytes.keys()].filter((i) => bytes[i - 1] === 13).slice(0, 200);
    expect(read(cut(bytes, afterCR))).toEqual(whole);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 300 }), (cuts) => {
        expect(read(cut(bytes, cuts.sort((a, b) => a - b)))).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('copies the carried partial row, so the caller may reuse one Buffer for every piece', () => {
    const whole = read([seattleBytes]);
    // 7 bytes is shorter than the header, so the header is carried too.
    for (const size of [7, 1000, 65536]) {
      const reader = createPolisVotesCsvColumnReader();
      const buffer = Buffer.alloc(size);
      for (let at = 0; at < seattleBytes.length; at += size) {
        const piece = seattleBytes.subarray(at, at + size);
        buffer.set(piece);
        reader.push(buffer.subarray(0, piece.length));
        buffer.fill(57);
      }
      expect(plain(reader.end())).toEqual(whole);
    }
  });

  it('gives the same columns and errors at every cut of a file mixing the fast and the general path', () => {
    const text =
      'timestamp,datetime,comment-id,voter-id,vote\n1700000006714,Tue Nov 14 22:13:26 UTC 2023,105,7,-1\r\n' +
      '17,"multi\nline, quoted",2,3,1\n\n1700000011714,Tue Nov 14 22:13:31 UTC 2023,1,0000000012,0\r' +
      '1403054214196.0,x,4,5,-1\n12345678901234567,y,6,7,1\r\n8,z,9,10,0\n';
    const bytes = encoder.encode(text);
    const whole = read([bytes]);
    expect(whole).toEqual({
      length: 6,
      participant: [7, 3, 12, 5, 7, 10],
      statement: [105, 2, 1, 4, 6, 9],
      vote: [-1, 1, 0, -1, 1, 0],
      time: [1700000006714, 17, 1700000011714, 1403054214196, 12345678901234568, 8],
    });
    const broken = encoder.encode(text.replace('9,10,0', '9,10,x'));
    const message = 'votes.csv line 9, field "vote": expected -1, 0 or 1, got "x"';
    expect(thrown(() => read([broken])).message).toBe(message);
    // Every cut, and every piece of up to 8 bytes: boundaries inside numbers, between CR and LF, inside the quotes.
    for (let a = 1; a < bytes.length; a++) {
      for (let b = a; b < Math.min(bytes.length, a + 9); b++) {
        const at = a === b ? [a] : [a, b];
        expect(read(cut(bytes, at))).toEqual(whole);
        expect(thrown(() => read(cut(broken, at))).message).toBe(message);
      }
    }
  });

  it('finds columns by name: without datetime, reordered, without trailing newline, after a BOM', () => {
    const whole = read([seattle]);
    const rows = seattleLines.filter((l) => l !== '').map((l) => l.split(','));
    const noDate = rows.map((r) => [r[0], r[2], r[3], r[4]].join(',')).join('\n');
    const reordered = rows.map((r) => [r[4], r[3], r[1], r[2], r[0]].join(',')).join('\n');
    expect(read([noDate])).toEqual(whole);
    expect(read([reordered])).toEqual(whole);
    expect(read([`\uFEFF${seattle}`])).toEqual(whole);
  });

  it('leaves time NaN when there is no timestamp column, and reads fractional timestamps', () => {
    const columns = read(['comment-id,voter-id,vote\n1,2,1\n3,4,-1\n']);
    expect(columns).toMatchObject({ length: 2, participant: [2, 4], statement: [1, 3], vote: [1, -1] });
    expect(columns.time.every(Number.isNaN)).toBe(true);
    expect(read(['timestamp,comment-id,voter-id,vote\n1403054214196.0,1,2,0\n']).time).toEqual([1403054214196]);
  });

  it("negates votes with sign: 'internal'", () => {
    const whole = read([seattleBytes]);
    const internal = read([seattleBytes], { sign: 'internal' });
    expect(internal.vote).toEqual(whole.vote.map((v) => (v === 0 ? 0 : -v)));
    expect({ ...internal, vote: [] }).toEqual({ ...whole, vote: [] });
  });

  it('hands batches to onColumns that add up to the whole file, and counts rows', () => {
    const batches: ReturnType<typeof plain>[] = [];
    const reader = createPolisVotesCsvColumnReader({ onColumns: (b) => batches.push(plain(b)) });
    for (const piece of cut(seattleBytes, [1000, 50_000, 50_001, 120_000])) reader.push(piece);
    const rest = reader.end();
    expect(rest.length).toBe(0);
    expect(reader.rowCount).toBe(seattleLines.length - 2);
    const joined = (key: 'participant' | 'vote' | 'time') => batches.flatMap((b) => b[key]);
    const whole = read([seattleBytes]);
    expect([joined('participant'), joined('vote'), joined('time')]).toEqual([whole.participant, whole.vote, whole.time]);
    expect(() => reader.push('1,2,3')).toThrow('votes.csv: push() after end()');
  });

  it('reads a header-only file as no votes', () => {
    expect(read(['timestamp,datetime,comment-id,voter-id,vote\n']).length).toBe(0);
  });

  describe('malformed input names file, line and field, whatever the chunking', () => {
    const withLine = (n: number, edit: (line: string) => string) => seattleLines.map((l, i) => (i === n - 1 ? edit(l) : l)).join('\n');
    const fields = (line: string) => line.split(',');

    const cases: [string, string, string][] = [
      ['bad vote value', withLine(17, (l) => [...fields(l).slice(0, 4), '2'].join(',')), 'votes.csv line 17, field "vote": expected -1, 0 or 1, got "2"'],
      ['non-numeric voter id', withLine(5, (l) => { const f = fields(l); f[3] = 'abc'; return f.join(','); }), 'votes.csv line 5, field "voter-id": expected an integer id that fits in 32 bits, got "abc"'],
      ['id beyond 32 bits', withLine(6, (l) => { const f = fields(l); f[2] = '3000000000'; return f.join(','); }), 'votes.csv line 6, field "comment-id": expected an integer id that fits in 32 bits, got "3000000000"'],
      ['empty vote', withLine(8, (l) => [...fields(l).slice(0, 4), ''].join(',')), 'votes.csv line 8, field "vote": expected -1, 0 or 1, got ""'],
      ['too many fields', withLine(9, (l) => `${l},7`), 'votes.csv line 9: expected 5 fields as in the header, got 6'],
      ['too few fields', withLine(10, (l) => fields(l).slice(0, 4).join(',')), 'votes.csv line 10: expected 5 fields as in the header, got 4'],
      ['bad timestamp', withLine(11, (l) => `soon${l.slice(13)}`), 'votes.csv line 11, field "timestamp": expected a time in ms since the epoch or an ISO date, got "soon"'],
      ['missing column', withLine(1, () => 'timestamp,datetime,comment-id,voter-id,choice'), 'votes.csv line 1, field "vote": missing required column "vote" (header: timestamp,datetime,comment-id,voter-id,choice)'],
      ['empty file', '', 'votes.csv line 1: empty file, expected a header line'],
      ['bad vote in a CRLF file with quoted fields', tricky.split('\r\n').map((l, i) => (i === 16 ? l.replace(/,-?\d$/, ',x') : l)).join('\r\n'), 'votes.csv line 17, field "vote": expected -1, 0 or 1, got "x"'],
    ];

    it.each(cases)('%s', (_, text, message) => {
      const bytes = encoder.encode(text);
      const error = thrown(() => read([bytes]));
      expect(error).toBeInstanceOf(PolisDataError);
      expect(error.message).toBe(message);
      if (bytes.length < 2) return;
      // The errors sit in the first lines: cut there densely.
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: Math.min(bytes.length - 1, 2500) }), { maxLength: 100 }), (cuts) => {
          expect(thrown(() => read(cut(bytes, cuts.sort((a, b) => a - b)))).message).toBe(message);
        }),
        { numRuns: 15 },
      );
    });

    it('counts blank lines in line numbers', () => {
      const text = withLine(17, (l) => [...fields(l).slice(0, 4), '2'].join(',')).replace('\n', '\n\n\n');
      expect(thrown(() => read([text]))).toMatchObject({ line: 19, field: 'vote', value: '2' });
    });

    it('reports a last line cut mid-row as truncated', () => {
      const complete = seattle.trimEnd().split('\n');
      const last = complete.length;
      const text = [...complete.slice(0, -1), fields(complete[last - 1]!).slice(0, 3).join(',')].join('\n');
      expect(thrown(() => read([text])).message).toBe(`votes.csv line ${last}: expected 5 fields as in the header, got 3 (file truncated?)`);
      expect(thrown(() => read([`${text.slice(0, text.lastIndexOf(',') + 1)}`])).message).toBe(
        `votes.csv line ${last}: expected 5 fields as in the header, got 3 with the last one empty (file truncated?)`,
      );
    });

    it('reports an unterminated quoted field', () => {
      const lines = tricky.split('\r\n');
      const text = `${lines.slice(0, 40).join('\r\n')}\r\n${lines[40]!.slice(0, 25)}`;
      expect(thrown(() => read([text])).message).toBe('votes.csv line 41, field "datetime": unterminated quoted field (file truncated?)');
    });
  });
});
