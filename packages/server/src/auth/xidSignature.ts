import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { apiError } from '../errors.js';

/** Prefix of a conversation's xid-signing secret, so a leaked string says what it signs. */
export const xidSecretPrefix = 'kxs_';

/** The longest inner xid (the plain xid limit); the signed form adds up to 57 characters. */
export const xidMaxLength = 256;

/** A new per-conversation signing secret: prefix + 43 base64url characters (256 bits). */
export function generateXidSecret(): string {
  return xidSecretPrefix + randomBytes(32).toString('base64url');
}

/** base64url(HMAC-SHA256(secret, `${conversation}.${exp}.${xid}`)): binds the xid to one conversation and one expiry. */
export function xidSignature(secret: string, conversation: string, exp: number | string, xid: string): string {
  return createHmac('sha256', secret).update(`${conversation}.${exp}.${xid}`, 'utf8').digest('base64url');
}

/** The signed form `<exp>.<sig>.<xid>` an embedding platform sends (exp in unix seconds). */
export function signXid(secret: string, conversation: string, xid: string, exp: number): string {
  return `${exp}.${xidSignature(secret, conversation, exp, xid)}.${xid}`;
}

const expShape = /^\d{1,12}$/;
const sigShape = /^[A-Za-z0-9_-]{43}$/;

/** The signed form split on its first two dots (the xid may hold dots), or null when it is not of that shape. */
export function splitSignedXid(signed: string): { exp: string; sig: string; xid: string } | null {
  const first = signed.indexOf('.');
  const second = first < 0 ? -1 : signed.indexOf('.', first + 1);
  if (second < 0) return null;
  return { exp: signed.slice(0, first), sig: signed.slice(first + 1, second), xid: signed.slice(second + 1) };
}

/** The inner xid when `xid` has the signed shape (`<digits>.<43 base64url>.<xid>`), unverified; else undefined. */
export function innerOfSignedShape(xid: string): string | undefined {
  const parts = splitSignedXid(xid);
  return parts && expShape.test(parts.exp) && sigShape.test(parts.sig) ? parts.xid : undefined;
}

/**
 * The inner xid of a signed xid, after checking its HMAC (constant time) and then its expiry;
 * XID_SIGNATURE_INVALID or XID_SIGNATURE_EXPIRED otherwise. Messages never carry the secret or the signature.
 */
export function verifySignedXid(secret: string, conversation: string, signed: string, nowMs: number = Date.now()): string {
  const parts = splitSignedXid(signed);
  const where = `conversation '${conversation}'`;
  if (!parts) throw apiError('XID_SIGNATURE_INVALID', `${where} requires signed xids of the form <exp>.<sig>.<xid>; the xid given has no signature`);
  const { exp, sig, xid } = parts;
  if (!expShape.test(exp)) throw apiError('XID_SIGNATURE_INVALID', `signed xid: the expiry '${exp.slice(0, 16)}' is not unix seconds (1 to 12 digits) in ${where}`);
  if (!sigShape.test(sig)) throw apiError('XID_SIGNATURE_INVALID', `signed xid: the signature is not 43 base64url characters (HMAC-SHA256) in ${where}`);
  if (xid.length === 0 || xid.length > xidMaxLength) throw apiError('VALIDATION_FAILED', `signed xid: the xid after the signature must have 1 to ${xidMaxLength} characters, got ${xid.length}`);
  // Compare the base64url text, not decoded bytes: only the canonical encoding passes.
  const expected = Buffer.from(xidSignature(secret, conversation, exp, xid), 'ascii');
  const given = Buffer.from(sig, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw apiError('XID_SIGNATURE_INVALID', `signed xid: the signature of xid '${xid.slice(0, 64)}' does not match ${where} (another conversation, xid, expiry or secret)`);
  }
  const expSeconds = Number(exp);
  if (expSeconds * 1000 <= nowMs) {
    throw apiError('XID_SIGNATURE_EXPIRED', `signed xid: the signature of xid '${xid.slice(0, 64)}' expired at ${new Date(expSeconds * 1000).toISOString()} (exp ${exp}); the platform must sign it again`);
  }
  return xid;
}
