import { describe, expect, it } from 'vitest';
import { parseXidList, xidMaxLength } from '../../src/client/parseXidList.js';

describe('parseXidList(text)', () => {
  it('reads one xid per line, skipping blank lines and repeats (Windows and old Mac line ends too)', () => {
    expect(parseXidList('res-1\r\n\r\n  res-2  \rres-1\nres-3\n')).toEqual({ xids: ['res-1', 'res-2', 'res-3'], problem: null });
  });

  it("reads a CSV's first column, with its header and quotes (doubled quotes inside) removed, after a byte-order mark", () => {
    expect(parseXidList('\uFEFFxid,name\nres-1,Anna\n"res,2",Bo\n"say ""hi""",Cy\n')).toEqual({ xids: ['res-1', 'res,2', 'say "hi"'], problem: null });
  });

  it('keeps an xid named "xid" below the first line', () => {
    expect(parseXidList('a\nxid\n').xids).toEqual(['a', 'xid']);
  });

  it('stops at the first bad line and names its number and value', () => {
    expect(parseXidList(`ok\n${'x'.repeat(xidMaxLength + 1)}\nlater\n`)).toEqual({ xids: ['ok'], problem: { line: 2, value: 'x'.repeat(xidMaxLength + 1), reason: 'tooLong' } });
    expect(parseXidList('ok\n"a\u0007b"\n').problem).toEqual({ line: 2, value: 'a\u0007b', reason: 'control' });
    // Exactly the limit is fine.
    expect(parseXidList('y'.repeat(xidMaxLength)).problem).toBeNull();
  });

  it('returns nothing for an empty file', () => {
    expect(parseXidList('')).toEqual({ xids: [], problem: null });
  });
});
