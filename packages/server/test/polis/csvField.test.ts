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
