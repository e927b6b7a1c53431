import { describe, expect, test } from 'vitest';
import { findIllFormed, refuseIllFormed } from '../../src/services/wellFormed.js';

describe('findIllFormed(value, root)', () => {
  test('names the path, the position and the lone surrogate of the first ill-formed string', () => {
    expect(findIllFormed({ a: [1, 'ok', { b: 'x\ud800y' }] }, 'body')).toEqual({ path: 'body.a[2].b', index: 1, unit: 'U+D800' });
    expect(findIllFormed({ xid: ['a', 'b\udc00'] }, 'query')).toEqual({ path: 'query.xid[1]', index: 1, unit: 'U+DC00' });
    expect(findIllFormed('\udbff', 'body')).toEqual({ path: 'body', index: 0, unit: 'U+DBFF' });
    expect(findIllFormed({ nested: { ['k\ud800']: 1 } }, 'body')).toEqual({ path: 'body.nested (a property name)', index: 1, unit: 'U+D800' });
  });

  test('passes well-formed text (paired surrogates included), numbers, null and buffers', () => {
    expect(findIllFormed({ text: 'Trams 🚋 \ud83d\ude8b', n: 1, z: null, list: [true, 'ä'] }, 'body')).toBeNull();
    expect(findIllFormed(Buffer.from([0xed, 0xa0, 0x80]), 'body')).toBeNull();
    expect(findIllFormed(undefined, 'body')).toBeNull();
  });

  test('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'end\ud800';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findIllFormed(deep, 'body')).toMatchObject({ index: 3, unit: 'U+D800' });
  });

  test('refuseIllFormed() throws VALIDATION_FAILED with that path and position', () => {
    expect(() => refuseIllFormed({ body: { ok: 'x' }, query: { topic: 'ab\ud800' } })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', message: 'query.topic has a lone surrogate (U+D800) at character 2: text must be well-formed Unicode' }),
    );
    expect(() => refuseIllFormed({ body: null, query: {} })).not.toThrow();
  });
});
