import { describe, expect, test } from 'vitest';
import { createConversation, sharedApp } from '../helper.js';

const shared = sharedApp();

describe('POST /api/v1/conversations/:id/participants', () => {
  test('first contact returns a 192-bit token once and stores only its SHA-256', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} });
    expect(res.statusCode).toBe(201);
    const { pid, token } = res.json();
    expect(pid).toBe(0);
    expect(token).toMatch(/^kpt_[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(token.slice(4), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const rows = t.app.db.prepare('SELECT p.* FROM participants p JOIN conversations c ON c.id = p.conversation_id WHERE c.slug = ?').all(id) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    // No addresses or other personal data columns exist.
    expect(Object.keys(rows[0]!).sort()).toEqual(['conversation_id', 'created_at', 'pid', 'token_hash', 'xid']);
    const second = (await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} })).json();
    expect(second.pid).toBe(1);
    expect(second.token).not.toBe(token);
  });

  test('an xid maps to one participant without a token', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const a = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'user-42' } });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toEqual({ pid: 0, xid: 'user-42' });
    const again = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'user-42' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ pid: 0, xid: 'user-42' });
  });

  test('an allow-list admits listed xids only and no anonymous participants', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    await t.call({ method: 'PUT', url: `/api/v1/conversations/${id}/xid-allowlist`, auth: moderatorKey, payload: { enabled: true, xids: ['alice'] } });
    const alice = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'alice' } });
    expect(alice.statusCode).toBe(201);
    const mallory = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'mallory' } });
    expect(mallory.statusCode).toBe(403);
    expect(mallory.json()).toMatchObject({ code: 'XID_NOT_ALLOWED', message: `xid 'mallory' is not on the allow-list of conversation '${id}'` });
    const anon = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} });
    expect(anon.statusCode).toBe(403);
    expect(anon.json().code).toBe('XID_NOT_ALLOWED');
  });

  test('refuses unknown tokens, bad xids and unknown conversations', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const bad = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, headers: { 'x-participant-token': 'kpt_' + 'A'.repeat(32) }, payload: {} });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ code: 'PARTICIPANT_TOKEN_INVALID' });
    const junk = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, headers: { 'x-participant-token': 'nonsense' }, payload: {} });
    expect(junk.json().code).toBe('PARTICIPANT_TOKEN_INVALID');
    const longXid = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'x'.repeat(257) } });
    expect(longXid.statusCode).toBe(400);
    expect(longXid.json().message).toContain('xid');
    const missing = await t.call({ method: 'POST', url: '/api/v1/conversations/none-here/participants', auth: null, payload: {} });
    expect(missing.json().code).toBe('CONVERSATION_NOT_FOUND');
  });

  test("a token from one conversation is not valid in another", async () => {
    const t = shared();
    const a = await createConversation(t);
    const b = await createConversation(t);
    const { token } = (await t.call({ method: 'POST', url: `/api/v1/conversations/${a.id}/participants`, auth: null, payload: {} })).json();
    const res = await t.call({ method: 'GET', url: `/api/v1/conversations/${b.id}/participants/me`, auth: null, headers: { 'x-participant-token': token } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('PARTICIPANT_TOKEN_INVALID');
  });
});

describe('GET /api/v1/conversations/:id/participants/me', () => {
  test('identifies by token (header or bearer) or xid, and needs one of them', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const { token, pid } = (await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} })).json();
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me`, auth: null, headers: { 'x-participant-token': token } })).json()).toEqual({ pid });
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me`, auth: token })).json()).toEqual({ pid });
    const none = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me`, auth: null });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('PARTICIPANT_REQUIRED');
    const unknownXid = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me?xid=ghost`, auth: null });
    expect(unknownXid.json().code).toBe('PARTICIPANT_REQUIRED');
  });
});
