import { expect, test } from 'vitest';
import { etagMatches } from '../../src/services/etag.js';

test('etagMatches: lists, weak tags and *', () => {
  expect(etagMatches(undefined, '"kuulo-3"')).toBe(false);
  expect(etagMatches('"kuulo-3"', '"kuulo-3"')).toBe(true);
  expect(etagMatches('W/"kuulo-3"', '"kuulo-3"')).toBe(true);
  expect(etagMatches('"kuulo-2", "kuulo-3"', '"kuulo-3"')).toBe(true);
  expect(etagMatches('*', '"kuulo-3"')).toBe(true);
  expect(etagMatches('"kuulo-30"', '"kuulo-3"')).toBe(false);
});
