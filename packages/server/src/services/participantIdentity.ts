import type { FastifyRequest } from 'fastify';
import { bearerToken, generateKey, hashKey, keyPrefix } from '../auth/keys.js';
import { innerOfSignedShape, verifySignedXid, xidMaxLength } from '../auth/xidSignature.js';
import { apiError } from '../errors.js';
import type { ConversationRow } from '../repositories/conversations.js';
import { xidAllowed } from '../repositories/conversations.js';
import { findParticipantByToken, findParticipantByXid, insertParticipant, type ParticipantRow } from '../repositories/participants.js';

export interface Identity {
  token?: string;
  xid?: string;
}

export interface ResolvedParticipant {
  participant: ParticipantRow;
  /** Whether this request created the participant. */
  created?: boolean;
  /** Set when this request created the participant: the only time the token is shown. */
  newToken?: string;
}

const tokenShape = /^kpt_[A-Za-z0-9_-]{32}$/;

/** The participant token (X-Participant-Token, or Authorization: Bearer kpt_…) and an xid from body or query. */
export function identityOf(request: FastifyRequest, xid: string | undefined): Identity {
  const header = request.headers['x-participant-token'];
  const bearer = bearerToken(request.headers.authorization);
  const token = typeof header === 'string' ? header : bearer?.startsWith(keyPrefix.participant) ? bearer : undefined;
  return { ...(token !== undefined && { token }), ...(xid !== undefined && { xid }) };
}

/**
 * A stable rate-limit key for whoever the request claims to be, before any database access. A signed
 * xid counts as its inner xid, so signing it again (a new expiry) does not open a new budget.
 */
export function identityKey(conversationSlug: string, identity: Identity): string | undefined {
  if (identity.token !== undefined) return 'pt:' + hashKey(identity.token);
  if (identity.xid !== undefined) return `xid:${conversationSlug}:${innerOfSignedShape(identity.xid) ?? identity.xid}`;
  return undefined;
}

/** The existing participant, or null when the request carries no identity. Never writes. */
export async function findParticipant(request: FastifyRequest, conversation: ConversationRow, identity: Identity): Promise<ParticipantRow | null> {
  return (await lookup(request, conversation, identity)).participant;
}

// The one place an identity resolves: a token, or an xid (its signature checked where the conversation requires one).
async function lookup(request: FastifyRequest, conversation: ConversationRow, identity: Identity): Promise<{ participant: ParticipantRow | null; xid?: string }> {
  const db = request.server.db;
  if (identity.token !== undefined) {
    const participant = tokenShape.test(identity.token) ? await findParticipantByToken(db, conversation.id, hashKey(identity.token)) : undefined;
    if (!participant) throw apiError('PARTICIPANT_TOKEN_INVALID', `the participant token is not valid in conversation '${conversation.slug}'`);
    return { participant };
  }
  if (identity.xid !== undefined) {
    const xid = innerXid(conversation, identity.xid);
    await checkXid(request, conversation, xid);
    return { participant: await findParticipantByXid(db, conversation.id, xid) ?? null, xid };
  }
  return { participant: null };
}

/** The xid to store and look up: the signed form verified and unwrapped where the conversation requires signatures, else as given. */
export function innerXid(conversation: ConversationRow, xid: string): string {
  if (conversation.xidSecret !== null) return verifySignedXid(conversation.xidSecret, conversation.slug, xid);
  if (xid.length > xidMaxLength) throw apiError('VALIDATION_FAILED', `xid has ${xid.length} characters, more than the limit of ${xidMaxLength}`);
  return xid;
}

/**
 * The participant behind the request, created on first contact: an xid gets a participant tied to
 * it; no identity at all gets a new anonymous participant with a fresh token. Call inside the
 * write transaction so a refused request leaves nothing behind.
 */
export async function resolveParticipant(request: FastifyRequest, conversation: ConversationRow, identity: Identity): Promise<ResolvedParticipant> {
  const { participant: existing, xid } = await lookup(request, conversation, identity);
  if (existing) return { participant: existing };
  const db = request.server.db;
  const now = Date.now();
  if (xid !== undefined) return { participant: await insertParticipant(db, conversation.id, { tokenHash: null, xid, createdAt: now }), created: true };
  if (conversation.useXidAllowlist) {
    throw apiError('XID_NOT_ALLOWED', `conversation '${conversation.slug}' admits only allow-listed xids; pass an xid`);
  }
  // Only the platform can mint signed xids: an anonymous newcomer would step around them.
  if (conversation.xidSecret !== null) {
    throw apiError('XID_NOT_ALLOWED', `conversation '${conversation.slug}' admits only participants with an xid signed by the embedding platform; pass a signed xid`);
  }
  const token = generateKey('participant');
  const participant = await insertParticipant(db, conversation.id, { tokenHash: hashKey(token), xid: null, createdAt: now });
  return { participant, created: true, newToken: token };
}

async function checkXid(request: FastifyRequest, conversation: ConversationRow, xid: string): Promise<void> {
  if (conversation.useXidAllowlist && !await xidAllowed(request.server.db, conversation.id, xid)) {
    throw apiError('XID_NOT_ALLOWED', `xid '${xid.slice(0, 64)}' is not on the allow-list of conversation '${conversation.slug}'`);
  }
}

/** The participant as the API shows it. */
export function participantOut(resolved: ResolvedParticipant): { pid: number; token?: string; xid?: string } {
  const { participant, newToken } = resolved;
  return { pid: participant.pid, ...(newToken !== undefined && { token: newToken }), ...(participant.xid !== null && { xid: participant.xid }) };
}
