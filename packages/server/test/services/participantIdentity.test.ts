import { describe, expect, test } from 'vitest';
import { signXid } from '../../src/auth/xidSignature.js';
import { identityKey } from '../../src/services/participantIdentity.js';

describe('identityKey(conversation, identity)', () => {
  test('a signed xid keys on its inner xid, so signing it again opens no new rate-limit budget', () => {
    const secret = 'kxs_' + 's'.repeat(43);
    const a = signXid(secret, 'kallio', 'user.42', 2_000_000_000);
    const b = signXid(secret, 'kallio', 'user.42', 2_000_000_060);
    expect(identityKey('kallio', { xid: a })).toBe('xid:kallio:user.42');
    expect(identityKey('kallio', { xid: b })).toBe('xid:kallio:user.42');
    expect(identityKey('kallio', { xid: 'user.42' })).toBe('xid:kallio:user.42');
    expect(identityKey('kallio', { xid: 'plain' })).toBe('xid:kallio:plain');
    // Dotted plain xids are not mistaken for signed ones.
    expect(identityKey('kallio', { xid: 'a.b.c' })).toBe('xid:kallio:a.b.c');
    expect(identityKey('kallio', {})).toBeUndefined();
  });
});
