import { expect, test } from 'vitest';
import { bearerToken, generateKey, hashKey, sameHash } from '../../src/auth/keys.js';

test('keys are 192-bit random strings with a kind prefix; only hashes compare', () => {
  const keys = new Set(Array.from({ length: 200 }, () => generateKey('participant')));
  expect(keys.size).toBe(200);
  for (const k of keys) expect(k).toMatch(/^kpt_[A-Za-z0-9_-]{32}$/);
  expect(generateKey('admin')).toMatch(/^kadm_/);
  expect(hashKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect(sameHash(hashKey('a'), hashKey('a'))).toBe(true);
  expect(sameHash(hashKey('a'), hashKey('b'))).toBe(false);
  expect(sameHash('', '')).toBe(false);
});

test('bearerToken reads Authorization: Bearer only', () => {
  expect(bearerToken('Bearer kmod_x')).toBe('kmod_x');
  expect(bearerToken('bearer   kmod_x ')).toBe('kmod_x');
  expect(bearerToken('Basic abc')).toBeUndefined();
  expect(bearerToken('Bearer a b')).toBeUndefined();
  expect(bearerToken(undefined)).toBeUndefined();
  expect(bearerToken(['Bearer x'])).toBeUndefined();
});
