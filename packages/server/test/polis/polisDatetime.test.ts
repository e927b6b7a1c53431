import { expect, test } from 'vitest';
import { polisDatetime } from '../../src/polis/polisDatetime.js';

test('polisDatetime writes Java Date.toString in UTC', () => {
  // votes.csv of 15-per-hour-seattle: 1403054214196 is "Wed Jun 18 08:16:54 WIB 2014" (UTC+7).
  expect(polisDatetime(1403054214196)).toBe('Wed Jun 18 01:16:54 UTC 2014');
  expect(polisDatetime(0)).toBe('Thu Jan 01 00:00:00 UTC 1970');
});
