import { expect, test } from 'vitest';
import { FixedWindowLimiter } from '../../src/plugins/fixedWindowLimiter.js';

test('FixedWindowLimiter allows max hits per key per window, then reports the seconds left', () => {
  let now = 1_000_000;
  const limiter = new FixedWindowLimiter(2, 60_000, () => now);
  expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('b')]).toEqual([0, 0, 0]);
  expect(limiter.hit('a')).toBe(60);
  now += 30_500;
  expect(limiter.hit('a')).toBe(30);
  now += 30_000;
  expect(limiter.hit('a')).toBe(0);
});
