import { expect, test } from 'vitest';
import { csvField, csvLine } from '../../src/polis/csvField.js';

test('csvField quotes only what RFC 4180 needs and doubles quotes', () => {
  expect(csvField('plain')).toBe('plain');
  expect(csvField(-1)).toBe('-1');
  expect(csvField(null)).toBe('');
  expect(csvField('a, b')).toBe('"a, b"');
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(csvField('two\nlines')).toBe('"two\nlines"');
  expect(csvField(' padded')).toBe('" padded"');
  expect(csvLine([1, 'x,y', null])).toBe('1,"x,y",\n');
});

test('csvField puts a quote mark before text a spreadsheet would run as a formula, never before numbers', () => {
  expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  for (const start of ['+', '-', '@']) expect(csvField(`${start}1`)).toBe(`'${start}1`);
  expect(csvField('\tpadded')).toBe(`'\tpadded`);
  expect(csvField('\rx')).toBe(`"'\rx"`);
  expect(csvField('a=b')).toBe('a=b');
  expect(csvField(-1)).toBe('-1');
  expect(csvLine(['-1', -1, '@x'])).toBe(`'-1,-1,'@x\n`);
});

test('csvField(value, true) keeps text as it is', () => {
  expect(csvField('=1+2', true)).toBe('=1+2');
  expect(csvField('\tpadded', true)).toBe('"\tpadded"');
  expect(csvLine(['=a', -1, '@b'], true)).toBe('=a,-1,@b\n');
});
