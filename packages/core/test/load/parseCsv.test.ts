import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/load/parseCsv.js';
import { thrown } from './fixtureFiles.js';

describe('parseCsv(text, source)', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, CRLF, a BOM and blank lines', () => {
    const text = '\uFEFFa,b\r\n1,"x, ""y"""\r\n\r\n2,"two\nlines"\n3,\n';
    expect(parseCsv(text, 't.csv')).toEqual({
      header: ['a', 'b'],
      rows: [
        { line: 2, fields: ['1', 'x, "y"'] },
        { line: 4, fields: ['2', 'two\nlines'] },
        { line: 6, fields: ['3', ''] },
      ],
    });
  });

  it('rejects rows of the wrong width, unterminated quotes, text after a closing quote and empty files', () => {
    expect(thrown(() => parseCsv('a,b\n1,2,3\n', 't.csv')).message).toBe('t.csv line 2: expected 2 fields as in the header, got 3');
    expect(thrown(() => parseCsv('a,b\n1,"2\n\n', 't.csv')).message).toBe('t.csv line 2: unterminated quoted field (file truncated?)');
    expect(thrown(() => parseCsv('a,b\n1,"2"x\n', 't.csv')).message).toBe('t.csv line 2: unexpected character after a closing quote, got "x"');
    expect(thrown(() => parseCsv('\n\n', 't.csv')).message).toBe('t.csv line 1: empty file, expected a header line');
  });
});
