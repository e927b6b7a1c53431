import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../src/csvCell.js';

describe('csvCell(value)', () => {
  it('writes numbers as they are (negative ones unprefixed), empty for null and non-finite', () => {
    expect([csvCell(-1), csvCell(0.1 + 0.2), csvCell(-0.5e-7), csvCell(NaN), csvCell(null), csvCell(undefined)]).toEqual(['-1', '0.30000000000000004', '-5e-8', '', '', '']);
    expect([csvCell(true), csvCell(false)]).toEqual(['1', '0']);
  });

  it('quotes text with commas, quotes, line breaks or edge spaces, doubling quotes (RFC 4180)', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"');
    expect(csvCell('one\r\ntwo')).toBe('"one\r\ntwo"');
    expect(csvCell(' padded')).toBe('" padded"');
  });

  it("prefixes text starting with = + - @ tab or CR with ', then quotes as needed", () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('csvLine joins cells with commas', () => {
    expect(csvLine([1, 'a,b', null, '=x'])).toBe(`1,"a,b",,'=x`);
  });
});
