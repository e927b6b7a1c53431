import type { FastifyRequest } from 'fastify';
import { bearerToken, generateKey, hashKey, keyPrefix } from '../auth/keys.js';
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

/** A stable rate-limit key for whoever the request claims to be, before any database access. */
export function identityKey(conversationSlug: string, identity: Identity): string | undefined {
  if (identity.token !== undefined) return 'pt:' + hashKey(identity.token);
  if (identity.xid !== undefined) return `xid:${conversationSlug}:${identity.xid}`;
  return undefined;
}

/** The existing participant, or null when the request carries no identity. Never writes. */
export function findParticipant(request: FastifyRequest, conversation: ConversationRow, identity: Identity): ParticipantRow | null {
  const db = request.server.db;
  if (identity.token !== undefined) {
    const participant = tokenShape.test(identity.token) ? findParticipantByToken(db, conversation.id, hashKey(identity.token)) : undefined;
    if (!participant) throw apiError('PARTICIPANT_TOKEN_INVALID', `the participant token is not valid in conversation '${conversation.slug}'`);
    return participant;
  }
  if (identity.xid !== undefined) {
    checkXid(request, conversation, identity.xid);
    return findParticipantByXid(db, conversation.id, identity.xid) ?? null;
  }
  return null;
}

/**
 * The participant behind the request, created on first contact: an xid gets a participant tied to
 * it; no identity at all gets a new anonymous participant with a fresh token. Call inside the
 * write transaction so a refused request leaves nothing behind.
 */
export function resolveParticipant(request: FastifyRequest, conversation: ConversationRow, identity: Identity): ResolvedParticipant {
  const existing = findParticipant(request, conversation, identity);
  if (existing) return { participant: existing };
  const db = request.server.db;
  const now = Date.now();
  if (identity.xid !== undefined) return { participant: insertParticipant(db, conversation.id, { tokenHash: null, xid: identity.xid, createdAt: now }), created: true };
  if (conversation.useXidAllowlist) {
    throw apiError('XID_NOT_ALLOWED', `conversation '${conversation.slug}' admits only allow-listed xids; pass an xid`);
  }
  const token = generateKey('participant');
  const participant = insertParticipant(db, conversation.id, { tokenHash: hashKey(token), xid: null, createdAt: now });
  return { participant, created: true, newToken: token };
}

function checkXid(request: FastifyRequest, conversation: ConversationRow, xid: string): void {
  if (conversation.useXidAllowlist && !xidAllowed(request.server.db, conversation.id, xid)) {
    throw apiError('XID_NOT_ALLOWED', `xid '${xid.slice(0, 64)}' is not on the allow-list of conversation '${conversation.slug}'`);
  }
}

/** The participant as the API shows it. */
export function participantOut(resolved: ResolvedParticipant): { pid: number; token?: string; xid?: string } {
  const { participant, newToken } = resolved;
  return { pid: participant.pid, ...(newToken !== undefined && { token: newToken }), ...(participant.xid !== null && { xid: participant.xid }) };
}
