import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateXidSecret, signXid, splitSignedXid, verifySignedXid } from '../../src/auth/xidSignature.js';
import { ApiError } from '../../src/errors.js';

const secret = 'kxs_' + 'k'.repeat(43);
const now = Date.UTC(2025, 0, 1);
const exp = now / 1000 + 3600;

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('signed xids', () => {
  test('generateXidSecret() makes a prefixed 256-bit secret, different each time', () => {
    const a = generateXidSecret();
    expect(a).toMatch(/^kxs_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(4), 'base64url')).toHaveLength(32);
    expect(generateXidSecret()).not.toBe(a);
  });

  test('signXid(secret, conversation, xid, exp) is `<exp>.<base64url HMAC-SHA256 of conversation.exp.xid>.<xid>`', () => {
    const expected = createHmac('sha256', secret).update(`kallio.${exp}.user.42`).digest('base64url');
    expect(signXid(secret, 'kallio', 'user.42', exp)).toBe(`${exp}.${expected}.user.42`);
    expect(splitSignedXid(`${exp}.${expected}.user.42`)).toEqual({ exp: String(exp), sig: expected, xid: 'user.42' });
    expect(splitSignedXid('user-42')).toBeNull();
  });

  test('verifySignedXid() returns the inner xid (dots kept) of a valid, unexpired signature', () => {
    expect(verifySignedXid(secret, 'kallio', signXid(secret, 'kallio', 'a.b.c', exp), now)).toBe('a.b.c');
  });

  test('refuses another conversation, another secret, a changed xid or expiry, a non-canonical signature and unsigned xids, never echoing the secret or signature', () => {
    const signed = signXid(secret, 'kallio', 'user-42', exp);
    const sig = signed.split('.')[1]!;
    // The last of 43 characters carries 2 unused bits: flipping one decodes to the same 32 bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = sig.slice(0, 42) + alphabet[alphabet.indexOf(sig.at(-1)!) ^ 1];
    expect(Buffer.from(sameBytes, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    const cases: [string, string, string][] = [
      [secret, 'vallila', signed],
      ['kxs_' + 'x'.repeat(43), 'kallio', signed],
      [secret, 'kallio', signed.replace('user-42', 'user-43')],
      [secret, 'kallio', signed.replace(String(exp), String(exp + 1))],
      [secret, 'kallio', `${exp}.${sameBytes}.user-42`],
    ];
    for (const [key, conversation, value] of cases) {
      const error = refusal(() => verifySignedXid(key, conversation, value, now));
      expect(error).toMatchObject({ code: 'XID_SIGNATURE_INVALID', statusCode: 401 });
      expect(error.message).toContain(`conversation '${conversation}'`);
      expect(error.message).not.toContain(key.slice(4));
      expect(error.message).not.toContain(sig);
    }
    expect(refusal(() => verifySignedXid(secret, 'kallio', 'user-42', now)).message).toBe(
      "conversation 'kallio' requires signed xids of the form <exp>.<sig>.<xid>; the xid given has no signature",
    );
    expect(refusal(() => verifySignedXid(secret, 'kallio', `soon.${sig}.user-42`, now)).message).toContain("the expiry 'soon' is not unix seconds");
    expect(refusal(() => verifySignedXid(secret, 'kallio', `${exp}.short.user-42`, now)).message).toContain('the signature is not 43 base64url characters');
  });

  test('an expired signature is XID_SIGNATURE_EXPIRED, naming when', () => {
    const signed = signXid(secret, 'kallio', 'user-42', now / 1000 - 1);
    const error = refusal(() => verifySignedXid(secret, 'kallio', signed, now));
    expect(error).toMatchObject({ code: 'XID_SIGNATURE_EXPIRED', statusCode: 401 });
    expect(error.message).toContain("xid 'user-42' expired at 2024-12-31T23:59:59.000Z");
    expect(refusal(() => verifySignedXid(secret, 'kallio', signXid(secret, 'kallio', 'user-42', now / 1000), now)).code).toBe('XID_SIGNATURE_EXPIRED');
  });
});

describe('the README snippet for platform developers', () => {
  test('signs xids that verifySignedXid() accepts', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const code = /```js\n(import \{ createHmac \}[\s\S]*?export function signXid[\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'kuulo-readme-'));
    try {
      writeFileSync(join(dir, 'sign.mjs'), code!);
      const { signXid: platformSign } = (await import(join(dir, 'sign.mjs'))) as { signXid: (secret: string, conversation: string, xid: string) => string };
      expect(verifySignedXid(secret, 'kallio', platformSign(secret, 'kallio', 'user.42'))).toBe('user.42');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
