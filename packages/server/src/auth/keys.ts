import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Key kinds and their prefixes, so a leaked string says what it unlocks. */
export const keyPrefix = { admin: 'kadm_', moderator: 'kmod_', participant: 'kpt_' } as const;

/** A random key: prefix + 32 base64url characters (192 bits from the OS CSPRNG). */
export function generateKey(kind: keyof typeof keyPrefix): string {
  return keyPrefix[kind] + randomBytes(24).toString('base64url');
}

/** SHA-256 hex of a key: what the database stores instead of the key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The token in `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+(\S{1,512})[ \t]*$/i.exec(header);
  return match?.[1];
}
